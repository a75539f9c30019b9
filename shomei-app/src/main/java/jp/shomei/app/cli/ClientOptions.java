package jp.shomei.app.cli;

import jp.shomei.app.client.MunicipalClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code shomei client} subcommand shares: which service, and as which municipality. */
final class ClientOptions {

    @Mixin
    ServiceOptions service;

    @Option(names = "--as", paramLabel = "CODE", defaultValue = "131016",
            description = "Municipality to act as, by local government code; its credential is "
                    + "<data>/credentials/clients/CODE.pem and CODE.key.pem (default: ${DEFAULT-VALUE}, Chiyoda-ku).")
    String municipalityCode;

    MunicipalClient connect() {
        return service.connectAs(municipalityCode);
    }
}
