package jp.shomei.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data option every subcommand that touches local state shares. */
final class DataDirectoryOption {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:SHOMEI_DATA:-data}",
            description = "Data directory: database, keys, credentials, configuration (default: ${DEFAULT-VALUE}).")
    Path directory;
}
