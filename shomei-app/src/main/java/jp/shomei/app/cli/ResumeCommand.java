package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Lifts the suspension of an on-hold certificate, making it good again. "
                + "POST /v1/certificates/{serial}/resume.")
final class ResumeCommand extends MunicipalRequestCommand {

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate, in hex.")
    String serial;

    @Override
    JsonObject request(MunicipalClient municipal) {
        return municipal.resume(serial);
    }
}
