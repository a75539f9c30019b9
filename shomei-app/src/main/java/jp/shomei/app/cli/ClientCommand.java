package jp.shomei.app.cli;

import picocli.CommandLine.Command;

@Command(name = "client", mixinStandardHelpOptions = true, description = "Drives the municipal API as a municipality.")
final class ClientCommand {
}
