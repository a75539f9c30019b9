package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Shows a certificate with every status change it went through and its audit trail. "
                + "GET /v1/certificates/{serial}/history.")
final class HistoryCommand extends MunicipalRequestCommand {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate, in hex.")
    String serial;

    @Override
    JsonObject request(MunicipalClient municipal) {
        return municipal.history(serial);
    }
}
