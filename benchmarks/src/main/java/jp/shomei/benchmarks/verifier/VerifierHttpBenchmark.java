package jp.shomei.benchmarks.verifier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.shomei.benchmarks.load.Arguments;
import jp.shomei.benchmarks.load.Endpoint;
import jp.shomei.benchmarks.load.LoadAverage;
import jp.shomei.benchmarks.load.LoadRequest;
import jp.shomei.benchmarks.load.LoadResult;
import jp.shomei.benchmarks.load.LoadRun;
import jp.shomei.benchmarks.load.LoadShape;
import jp.shomei.benchmarks.load.ResultFile;
import jp.shomei.benchmarks.ocsp.BenchmarkCa;
import jp.shomei.ca.api.HttpsListener;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.ca.verifier.VerifierRegistry;
import jp.shomei.verifier.access.VerifierIdentity;
import jp.shomei.verifier.http.VerifierApi;

/**
 * Validations per second of the verifier API over HTTPS with mutual TLS, against a constant-body
 * Vert.x handler on the same listener (same TLS settings, same client certificate) in the same run.
 * In process: the embedded CA of the JMH validation benchmark (in-memory H2, software RSA-2048 keys)
 * with one signing certificate, the real {@link VerifierApi} behind the real {@link HttpsListener},
 * and a verifier registered with a rate far above what two cores can do. Every validation must be
 * answered 200; the answer size is printed, and the constant handler answers as many bytes.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" jp.shomei.benchmarks.verifier.VerifierHttpBenchmark \
 *   --work /tmp/verifier-http-bench [--connections 8] [--seconds 15] [--warmup-seconds 10] [--results DIR]
 * </pre>
 *
 * Order: warm-up of both ({@code --warmup-seconds} each), constant handler, validations, constant handler again; the
 * ratio is against the mean of the two constant runs. Writes {@code verifier-validations-http.json}
 * (with baseline and ratio) and {@code verifier-constant-handler-https.json}.
 */
public final class VerifierHttpBenchmark {

    private static final String VERIFIER = "http-benchmark";
    private static final String VALIDATION = "verifier-validations-http";
    private static final String CONSTANT = "verifier-constant-handler-https";

    private VerifierHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("work", "connections", "seconds", "warmup-seconds", "results"));
        Path work = Files.createDirectories(Path.of(arguments.required("work")));
        int connections = (int) arguments.number("connections", 8);
        Duration measured = Duration.ofMillis((long) (arguments.number("seconds", 15) * 1000));
        System.out.println("start: " + LoadAverage.now());
        Clock clock = Clock.systemUTC();
        BenchmarkCa ca = BenchmarkCa.start(work, clock);
        Vertx vertx = Vertx.vertx();
        try {
            LocalCredentials credentials = new LocalCredentials(work.resolve("credentials"), clock);
            credentials.ensure(List.of());
            LocalCredentials.Credential client = credentials.ensureVerifier(VERIFIER);
            new VerifierRegistry(ca.store()).register(new Verifier(VERIFIER, VerifierClass.SIGNATURE, "benchmark",
                    fingerprint(client.certificate()), 100_000, clock.instant()), "operator:benchmark");
            Buffer validation = new JsonObject().put("certificate", pem(ca.enroll(CaKind.SIGNING).der())).toBuffer();

            Router router = Router.router(vertx);
            new VerifierApi(vertx, ca.store(), ca.authorities(), clock, new SimpleMeterRegistry()).mount(router);
            Buffer constant = Buffer.buffer();
            router.post("/constant").handler(BodyHandler.create(false));
            router.post("/constant").handler(context -> context.response()
                    .putHeader("Content-Type", "application/json").end(constant));
            LocalCredentials.Credential server = credentials.server();
            HttpServer listener = HttpsListener.start(vertx, router, "127.0.0.1", 0, server.certificate(),
                    server.privateKey(), credentials.operationsCa().certificate()).await(30, TimeUnit.SECONDS);
            Endpoint endpoint = Endpoint.tls(URI.create("https://127.0.0.1:" + listener.actualPort()),
                    credentials.operationsCa().certificate(), Optional.of(client));

            LoadRequest validate = LoadRequest.post("/v1/validations", "application/json", validation, 200)
                    .then(answer -> {
                        if (constant.length() == 0) {
                            constant.appendBuffer(answer);
                        }
                    });
            LoadRequest constantAnswer = LoadRequest.post("/constant", "application/json", validation, 200);
            Duration warmUp = Duration.ofMillis((long) (arguments.number("warmup-seconds", 10) * 1000));
            System.out.println(LoadRun.run(VALIDATION + " (warm-up)", vertx, endpoint,
                    LoadShape.closedLoop(connections, warmUp), () -> validate).summary());
            System.out.println("a validation answer is " + constant.length() + " bytes: " + constant);
            System.out.println(LoadRun.run(CONSTANT + " (warm-up)", vertx, endpoint,
                    LoadShape.closedLoop(connections, warmUp), () -> constantAnswer).summary());

            LoadResult before = LoadRun.run(CONSTANT, vertx, endpoint, LoadShape.closedLoop(connections, measured),
                    () -> constantAnswer);
            System.out.println(before.summary());
            LoadResult validations = LoadRun.run(VALIDATION, vertx, endpoint, LoadShape.closedLoop(connections, measured),
                    () -> validate);
            System.out.println(validations.summary());
            LoadResult after = LoadRun.run(CONSTANT, vertx, endpoint, LoadShape.closedLoop(connections, measured),
                    () -> constantAnswer);
            System.out.println(after.summary());

            double baseline = (before.perSecond() + after.perSecond()) / 2;
            System.out.printf("validations over HTTPS: %.0f/s, %.1f %% of the constant handler (%.0f/s before, %.0f/s after)%n",
                    validations.perSecond(), 100 * validations.perSecond() / baseline, before.perSecond(), after.perSecond());
            if (arguments.has("results")) {
                Path results = Path.of(arguments.required("results"));
                String command = arguments.command(VerifierHttpBenchmark.class);
                ResultFile.write(results, ResultFile.withBaseline(ResultFile.throughput(validations, command),
                        CONSTANT + " (mean of before and after)", baseline));
                ResultFile.write(results, ResultFile.throughput(before, command));
                System.out.println("wrote " + results.resolve(VALIDATION + ".json") + " and " + CONSTANT + ".json");
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            ca.store().close();
            ca.keys().close();
            System.out.println("end: " + LoadAverage.now());
        }
    }

    private static String fingerprint(Path certificate) throws Exception {
        return VerifierIdentity.sha256(CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate))));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
