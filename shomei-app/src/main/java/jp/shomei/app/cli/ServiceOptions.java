package jp.shomei.app.cli;

import java.net.URI;
import java.time.Clock;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.ca.api.credentials.LocalCredentials;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the municipal API listens, and the data directory whose credentials are used to call it. */
final class ServiceOptions {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "https://127.0.0.1:8443",
            description = "Base URL of the municipal API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Mixin
    DataDirectoryOption data;

    /**
     * A client presenting the municipality's credential from {@code <data>/credentials/clients} and
     * trusting the server only if the data directory's operations CA issued its certificate.
     */
    MunicipalClient connectAs(String municipalityCode) {
        // Reading paths only: the clock would matter only if credentials were created here.
        LocalCredentials credentials = new LocalCredentials(data.directory.resolve("credentials"), Clock.systemUTC());
        return MunicipalClient.connect(url, credentials.client(municipalityCode), credentials.operationsCa().certificate());
    }
}
