package jp.shomei.app.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs a short scenario against the running service.")
final class DemoCommand {
}
