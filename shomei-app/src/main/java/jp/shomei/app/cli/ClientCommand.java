package jp.shomei.app.cli;

import picocli.CommandLine.Command;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Drives the municipal API as a municipality, with a client credential from the data directory.",
                "Prints the answer as JSON on stdout. Exit status: 0 done, 1 refused by the service (problem code and "
                        + "detail on stderr) or a local error, 2 usage error or service unreachable."},
        subcommands = {RegisterResidentCommand.class, ChangeResidentCommand.class, ReportDeathCommand.class,
                EnrollCommand.class, SuspendCommand.class, ResumeCommand.class, RevokeCommand.class, RenewCommand.class,
                ShowCommand.class, HistoryCommand.class})
final class ClientCommand {
}
