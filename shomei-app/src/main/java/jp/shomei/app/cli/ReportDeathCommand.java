package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "death", mixinStandardHelpOptions = true,
        description = {"Reports a resident's death (POST /v1/residents/{code}/death).",
                "Every live certificate of the resident, of both kinds, is revoked (cessationOfOperation)."})
final class ReportDeathCommand extends MunicipalRequestCommand {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "Resident code (11 digits).")
    String residentCode;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Date of death (not in the future).")
    LocalDate diedOn;

    @Override
    JsonObject request(MunicipalClient municipal) {
        JsonObject answer = municipal.reportDeath(residentCode, diedOn);
        noteRevoked(answer.getJsonArray("revokedCertificates"));
        return answer;
    }
}
