package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a resident with a summary of their certificates (--resident CODE), "
                + "or one certificate with its PEM (SERIAL).")
final class ShowCommand extends MunicipalRequestCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    /** Exactly one of the two things show can show. */
    static final class Subject {
        @Option(names = "--resident", paramLabel = "CODE", description = "Resident code (11 digits).")
        String residentCode;

        @Parameters(paramLabel = "SERIAL", description = "Serial number of a certificate, in hex.")
        String serial;
    }

    @Override
    JsonObject request(MunicipalClient municipal) {
        return subject.residentCode != null ? municipal.resident(subject.residentCode) : municipal.certificate(subject.serial);
    }
}
