package jp.shomei.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.app.server.ShomeiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts every Shomei service on this machine and runs until stopped with SIGTERM or SIGINT "
                + "(Ctrl-C); then it answers the requests in flight, writes a final audit checkpoint, logs "
                + "'shomei stopped' and exits 0.",
                "On first start it creates the data directory, the two certificate authorities, a local operations CA, "
                        + "the server certificate and demo client credentials. Prints 'shomei ready' once every "
                        + "listener accepts connections."})
final class StartCommand implements Callable<Integer> {

    @Mixin
    DataDirectoryOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ShomeiConfig config = ShomeiConfig.load(data.directory, System.getenv());
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.Registration signals = StopSignals.onStop(stopRequested::countDown);
        try {
            ShomeiServer server = ShomeiServer.start(config, Clock.systemUTC(), System.getenv());
            out.println("Municipal API (HTTPS, client certificates): " + server.municipalUrl());
            out.println("Validation (HTTP): " + server.validationUrl());
            out.println("  OCSP responders: " + server.validationUrl() + "/ocsp/sign and " + server.validationUrl() + "/ocsp/auth");
            out.println("  CRLs: " + server.validationUrl() + "/crl/sign/<municipality code>.crl, "
                    + server.validationUrl() + "/crl/auth/b00.crl .. b63.crl (and .delta.crl)");
            out.println("Verifier API (HTTPS, registered verifier certificates): " + server.verifierUrl()
                    + " (OpenAPI: " + server.verifierUrl() + "/openapi.yaml)");
            out.println("Data directory: " + config.dataDirectory());
            out.println("Demo client credentials: " + server.credentials().directory().resolve("clients"));
            out.println("Trust for the municipal API server certificate: " + server.credentials().operationsCa().certificate());
            out.println("shomei ready");
            out.flush();
            stopRequested.await();
            server.close();
        } finally {
            signals.close();
        }
        return 0;
    }
}
