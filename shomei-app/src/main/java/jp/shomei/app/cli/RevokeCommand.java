package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes a good or on-hold certificate for good. POST /v1/certificates/{serial}/revoke.")
final class RevokeCommand extends MunicipalRequestCommand {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate, in hex.")
    String serial;

    @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, superseded, "
                    + "cessationOfOperation or privilegeWithdrawn (use suspend for certificateHold).")
    String reason;

    @Override
    JsonObject request(MunicipalClient municipal) {
        return municipal.revoke(serial, reason);
    }
}
