package jp.shomei.benchmarks.ocsp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.Latency;
import jp.shomei.benchmarks.results.ResultFile;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ocsp.OcspResponder;
import jp.shomei.ocsp.OcspSettings;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Time from a status change returning (suspend or resume through the lifecycle service, committed) to
 * the responder's pre-signed GET answer showing it, polled every millisecond over loopback HTTP.
 * Alternates suspend and resume on one certificate, so each round is one status change.
 *
 * <p>Usage: {@code OcspRefreshLatencyProbe <work directory> <rounds>}.
 */
public final class OcspRefreshLatencyProbe {

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Clock clock = Clock.systemUTC();
        BenchmarkCa ca = BenchmarkCa.start(work, clock);
        CertificateRecord certificate = ca.enroll(CaKind.AUTHENTICATION);
        Vertx vertx = Vertx.vertx();
        OcspResponder responder = OcspResponder.start(vertx, ca.store(), ca.keys(), ca.authorities(), clock,
                OcspSettings.DEFAULTS, new SimpleMeterRegistry());
        Router router = Router.router(vertx);
        responder.mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);

        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                ca.authorities().issuing(CaKind.AUTHENTICATION).authority().certificate(), certificate.serial());
        URI get = URI.create("http://127.0.0.1:" + server.actualPort() + "/ocsp/auth/" + URLEncoder.encode(
                Base64.getEncoder().encodeToString(new OCSPReqBuilder().addRequest(id).build().getEncoded()),
                StandardCharsets.US_ASCII));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] millis = new long[rounds];
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            boolean suspend = round % 2 == 0;
            if (suspend) {
                ca.services().certificates().suspend(BenchmarkCa.CHIYODA, certificate.serial());
            } else {
                ca.services().certificates().resume(BenchmarkCa.CHIYODA, certificate.serial());
            }
            long changed = System.nanoTime();
            while (isGood(http, get) == suspend) {
                Thread.sleep(1);
            }
            millis[round] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
        }
        Arrays.sort(millis);
        long p50 = millis[rounds / 2];
        long p90 = millis[(int) (rounds * 0.9)];
        long p99 = millis[(int) Math.min(rounds - 1, rounds * 0.99)];
        long max = millis[rounds - 1];
        System.out.printf("%d status changes: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", rounds, p50, p90, p99, max);
        // The floor is the status-change feed's poll interval, so that is the baseline of the median.
        ResultFile.writeIfRequested(OcspRefreshLatencyProbe.class, args, List.of(
                Figure.of("status change to pre-signed GET answer, median", "ms", p50)
                        .withBaseline("status-change feed poll interval", OcspSettings.DEFAULTS.feedPollInterval().toMillis())
                        .withLatency(new Latency(Map.of("p50", (double) p50, "p90", (double) p90, "p99", (double) p99,
                                "max", (double) max)))
                        .withCounts(rounds, 0, (System.nanoTime() - started) / 1e9)));
        responder.close();
        vertx.close().await();
        ca.store().close();
        ca.keys().close();
    }

    private static boolean isGood(HttpClient http, URI get) throws Exception {
        byte[] body = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        BasicOCSPResp response = (BasicOCSPResp) new OCSPResp(body).getResponseObject();
        return response.getResponses()[0].getCertStatus() == null;
    }
}
