package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "suspend", mixinStandardHelpOptions = true,
        description = "Suspends a good certificate, for example after a lost card is reported (status on-hold, "
                + "certificateHold). POST /v1/certificates/{serial}/suspend.")
final class SuspendCommand extends MunicipalRequestCommand {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate, in hex.")
    String serial;

    @Override
    JsonObject request(MunicipalClient municipal) {
        return municipal.suspend(serial);
    }
}
