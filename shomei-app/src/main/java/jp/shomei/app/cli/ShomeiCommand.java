package jp.shomei.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shomei} command line: one subcommand per operator or municipal task. */
@Command(name = "shomei", mixinStandardHelpOptions = true, versionProvider = ShomeiCommand.Version.class,
        description = "Certificate authority and validation service for a national identity card scheme.",
        subcommands = {StartCommand.class, CaCommand.class, HsmCommand.class, CeremonyCommand.class, ClientCommand.class,
                VerifierCommand.class,
                DemoCommand.class, AuditCommand.class, PopulationCommand.class, StoreCommand.class,
                CommandLine.HelpCommand.class})
public final class ShomeiCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new ShomeiCommand())
                .setExecutionExceptionHandler((error, commandLine, parsed) -> {
                    commandLine.getErr().println("shomei: " + error.getMessage());
                    return 1;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ShomeiCommand.class.getPackage().getImplementationVersion();
            return new String[] {"shomei " + (version == null ? "development build" : version)};
        }
    }
}
