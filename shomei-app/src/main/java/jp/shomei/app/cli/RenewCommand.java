package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Replaces a good certificate in its last three months with one for a new key "
                + "(POST /v1/certificates/{serial}/renew).",
                "The old certificate is revoked as superseded and linked to its successor."})
final class RenewCommand extends MunicipalRequestCommand {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate to renew, in hex.")
    String serial;

    @Option(names = "--csr", required = true, paramLabel = "FILE",
            description = "PKCS#10 certification request in PEM for the new RSA-2048 key.")
    Path csr;

    @Option(names = "--card-expires", paramLabel = "YYYY-MM-DD",
            description = "Expiry date of a new card (default: the old certificate's card expiry).")
    LocalDate cardExpiresOn;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the new certificate to FILE as PEM.")
    Path out;

    @Override
    JsonObject request(MunicipalClient municipal) {
        JsonObject renewal = municipal.renew(serial, readCertificationRequest(csr), Optional.ofNullable(cardExpiresOn));
        if (out != null) {
            writeCertificate(renewal.getJsonObject("successor"), out);
        }
        return renewal;
    }
}
