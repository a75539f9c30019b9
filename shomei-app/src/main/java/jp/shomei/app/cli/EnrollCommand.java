package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Requests a certificate for a key made on the resident's card "
                + "(POST /v1/residents/{code}/certificates).",
                "Only the public key is taken from the request; the certificate profile decides everything else."})
final class EnrollCommand extends MunicipalRequestCommand {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "Resident code (11 digits).")
    String residentCode;

    @Option(names = "--ca", required = true, paramLabel = "sign|auth",
            description = "Which certificate: sign (digital signature, carries the basic four information) "
                    + "or auth (user authentication, carries no personal data).")
    String ca;

    @Option(names = "--csr", required = true, paramLabel = "FILE",
            description = "PKCS#10 certification request in PEM for an RSA-2048 key.")
    Path csr;

    @Option(names = "--card-expires", required = true, paramLabel = "YYYY-MM-DD",
            description = "Expiry date of the card; the certificate never outlives it.")
    LocalDate cardExpiresOn;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the issued certificate to FILE as PEM.")
    Path out;

    @Override
    JsonObject request(MunicipalClient municipal) {
        JsonObject certificate = municipal.enroll(residentCode, ca, readCertificationRequest(csr), cardExpiresOn);
        if (out != null) {
            writeCertificate(certificate, out);
        }
        return certificate;
    }
}
