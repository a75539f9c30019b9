package jp.shomei.benchmarks.soak;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import jp.shomei.benchmarks.load.Arguments;
import jp.shomei.benchmarks.load.Endpoint;
import jp.shomei.benchmarks.load.LoadAverage;
import jp.shomei.benchmarks.load.LoadRequest;
import jp.shomei.benchmarks.load.LoadResult;
import jp.shomei.benchmarks.load.LoadRun;
import jp.shomei.benchmarks.load.LoadShape;
import jp.shomei.ca.api.credentials.LocalCredentials;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Issue 9's mixed soak against a running server (normally started by
 * {@code benchmarks/scripts/mixed-soak.sh}, which also registers the verifier {@code soak}): issuance,
 * renewal and revocation on the municipal API as Chiyoda-ku, OCSP GETs and CRL downloads on the
 * validation listener, validations on the verifier API, all at once.
 *
 * <ol>
 *   <li>Set-up: registers residents, issues 20 signing certificates kept good for validation and OCSP.</li>
 *   <li>Peaks: each operation alone, closed-loop on 4 connections for {@code --peak-seconds}.</li>
 *   <li>Soak: all six together, open-loop, each at {@code --load} (0.8) times its peak divided by six,
 *       so that if their costs add up the server is 80 % busy; revocations no faster than issuance,
 *       since each needs a certificate issued before. Heap in use read from {@code /metrics} every 10 s; with
 *       {@code --server-pid}, the heap retained after a full collection ({@code jcmd GC.run}) just before
 *       the soak, at a third of it and at its end.</li>
 * </ol>
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" jp.shomei.benchmarks.soak.MixedSoak \
 *   --data DIR --municipal https://127.0.0.1:P --validation http://127.0.0.1:P --verifier https://127.0.0.1:P
 *   [--minutes 10] [--peak-seconds 10] [--load 0.8] [--results DIR] [--command "what the results record"] [--server-pid PID]
 * </pre>
 *
 * Writes {@code soak-<operation>.json} (soak throughput and latencies, its peak as the baseline),
 * {@code soak-heap-used-{first,last,max}.json}, {@code soak-heap-retained-{before,third,after}.json} and the
 * head of the class histogram before and after, {@code soak-heap-histogram-{before,third,after}.txt} (with
 * {@code --server-pid}), and {@code soak.md} to the results directory.
 */
public final class MixedSoak {

    private static final int CONNECTIONS = 4;
    private static final int KEPT = 20;
    private static final int FIRST_RESIDENTS = 600;
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(10);

    private MixedSoak() {
    }

    /** One kind of request in the mix, the listener it goes to, and where its requests come from. */
    private record Operation(String name, Endpoint endpoint, Supplier<LoadRequest> requests) {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args, Set.of("data", "municipal", "validation", "verifier", "minutes",
                "peak-seconds", "load", "results", "command", "server-pid"));
        LocalCredentials credentials = new LocalCredentials(Path.of(arguments.required("data")).resolve("credentials"),
                Clock.systemUTC());
        Path trust = credentials.operationsCa().certificate();
        Endpoint municipal = Endpoint.tls(URI.create(arguments.required("municipal")), trust,
                Optional.of(credentials.client(Lifecycle.MUNICIPALITY)));
        Endpoint validation = Endpoint.plain(URI.create(arguments.required("validation")));
        Endpoint verifier = Endpoint.tls(URI.create(arguments.required("verifier")), trust,
                Optional.of(credentials.verifier("soak")));
        Duration soak = Duration.ofMillis((long) (arguments.number("minutes", 10) * 60_000));
        Duration peak = Duration.ofMillis((long) (arguments.number("peak-seconds", 10) * 1000));
        double load = arguments.number("load", 0.8);
        Path results = Path.of(arguments.text("results", "benchmarks/results/soak"));
        String command = arguments.text("command", arguments.command(MixedSoak.class));
        String loadAtStart = LoadAverage.now();
        System.out.println("start: " + loadAtStart);

        Vertx vertx = Vertx.vertx();
        try {
            Lifecycle lifecycle = new Lifecycle();
            setUp("register residents", vertx, municipal, FIRST_RESIDENTS, lifecycle::register);
            setUp("issue the kept certificates", vertx, municipal, KEPT, lifecycle::issue);
            List<Lifecycle.Live> kept = new ArrayList<>();
            for (int i = 0; i < KEPT; i++) {
                kept.add(lifecycle.keep());
            }
            X509CertificateHolder signingCa = signingCa(vertx, municipal);
            List<Operation> operations = List.of(
                    new Operation("validation", verifier, validations(kept)),
                    new Operation("ocsp", validation, ocspGets(kept, signingCa)),
                    new Operation("crl", validation, () -> LoadRequest.get("/crl/sign/" + Lifecycle.MUNICIPALITY + ".crl", 200)),
                    new Operation("issuance", municipal, lifecycle::issue),
                    new Operation("renewal", municipal, lifecycle::renew),
                    new Operation("revocation", municipal, lifecycle::revoke));

            Map<String, LoadResult> peaks = new LinkedHashMap<>();
            for (Operation operation : operations) {
                // Revocations use up live certificates: leave half for the soak.
                long limit = operation.name().equals("revocation") ? Math.max(1, lifecycle.live() / 2) : Long.MAX_VALUE;
                LoadResult alone = LoadRun.run("soak-peak-" + operation.name(), vertx, operation.endpoint(),
                        new LoadShape(CONNECTIONS, peak, limit, 0, LoadShape.DEFAULT_TIMEOUT), operation.requests());
                System.out.println(alone.summary());
                peaks.put(operation.name(), alone);
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            peaks.forEach((name, alone) -> rates.put(name, load * alone.perSecond() / operations.size()));
            rates.put("revocation", Math.min(rates.get("revocation"), rates.get("issuance")));
            int residentsNeeded = (int) Math.ceil(rates.get("issuance") * soak.toSeconds() * 1.2) + 50
                    - lifecycle.withoutCertificate();
            if (residentsNeeded > 0) {
                setUp("register residents for the soak", vertx, municipal, residentsNeeded, lifecycle::register);
            }

            System.out.printf("soak: %d s at %s%n", soak.toSeconds(), rates);
            HeapSampler heap = new HeapSampler(URI.create(arguments.required("validation") + "/metrics"));
            long serverPid = (long) arguments.number("server-pid", -1);
            OptionalLong retainedBefore = retained(heap, serverPid, results, "before");
            OptionalLong retainedThird;
            Map<String, LoadResult> soaked = new LinkedHashMap<>();
            ExecutorService runs = Executors.newFixedThreadPool(operations.size());
            try {
                heap.start(SAMPLE_INTERVAL);
                Map<String, Future<LoadResult>> running = new LinkedHashMap<>();
                for (Operation operation : operations) {
                    running.put(operation.name(), runs.submit(() -> LoadRun.run("soak-" + operation.name(), vertx,
                            operation.endpoint(), LoadShape.fixedRate(rates.get(operation.name()), CONNECTIONS, soak),
                            operation.requests())));
                }
                // Caches that fill under load and then hold steady (pre-signed OCSP responses, H2's page cache)
                // have filled by a third of the soak when the server's response validity is short enough (the
                // script sets it): the heap retained then is what the end is judged against.
                Thread.sleep(soak.toMillis() / 3);
                retainedThird = retained(heap, serverPid, results, "third");
                for (Map.Entry<String, Future<LoadResult>> run : running.entrySet()) {
                    soaked.put(run.getKey(), run.getValue().get());
                }
            } finally {
                runs.shutdown();
                heap.close();
            }
            OptionalLong retainedAfter = retained(heap, serverPid, results, "after");
            String loadAtEnd = LoadAverage.now();
            System.out.println("end: " + loadAtEnd);
            String report = new SoakReport(peaks, rates, soaked, heap.samples(),
                    retainedBefore.isPresent() ? Optional.of(new SoakReport.Retained(retainedBefore.getAsLong(),
                            retainedThird.getAsLong(), retainedAfter.getAsLong())) : Optional.empty(), loadAtStart,
                    loadAtEnd, command).write(results);
            System.out.println(report);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** With the server's pid: the heap it retains after a full collection, its class histogram written beside the results. */
    private static OptionalLong retained(HeapSampler heap, long serverPid, Path results, String when) throws Exception {
        if (serverPid < 0) {
            return OptionalLong.empty();
        }
        long bytes = heap.retainedAfterFullGc(serverPid);
        HeapSampler.writeHistogram(serverPid, results.resolve("soak-heap-histogram-" + when + ".txt"));
        return OptionalLong.of(bytes);
    }

    /** A set-up step: {@code count} requests, every one of which must succeed. */
    private static void setUp(String what, Vertx vertx, Endpoint endpoint, int count, Supplier<LoadRequest> requests) {
        LoadResult result = LoadRun.run(what, vertx, endpoint, new LoadShape(CONNECTIONS, Duration.ofMinutes(30), count, 0,
                LoadShape.DEFAULT_TIMEOUT), requests);
        System.out.println("set-up: " + result.summary());
        if (result.errors() > 0 || result.requests() < count) {
            throw new IllegalStateException("set-up step '" + what + "' failed: " + result.summary());
        }
    }

    /** The signing CA's newest certificate, as the municipal API lists it. */
    private static X509CertificateHolder signingCa(Vertx vertx, Endpoint municipal) throws Exception {
        AtomicReference<String> pem = new AtomicReference<>();
        setUp("read the signing CA certificate", vertx, municipal, 1, () -> LoadRequest.get("/v1/ca/sign/certificates", 200)
                .then(answer -> {
                    JsonArray generations = answer.toJsonObject().getJsonArray("certificates");
                    pem.set(generations.getJsonObject(generations.size() - 1).getString("certificate"));
                }));
        try (PEMParser parser = new PEMParser(new StringReader(pem.get()))) {
            return (X509CertificateHolder) parser.readObject();
        }
    }

    private static Supplier<LoadRequest> validations(List<Lifecycle.Live> kept) {
        List<LoadRequest> requests = kept.stream().map(certificate -> LoadRequest.post("/v1/validations", "application/json",
                new JsonObject().put("certificate", certificate.pem()).toBuffer(), 200)).toList();
        return roundRobin(requests);
    }

    /** Nonce-less GET requests (RFC 5019), answered from the pre-signed responses. */
    private static Supplier<LoadRequest> ocspGets(List<Lifecycle.Live> kept, X509CertificateHolder issuer) throws Exception {
        List<LoadRequest> requests = new ArrayList<>();
        for (Lifecycle.Live certificate : kept) {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer, new BigInteger(certificate.serial(), 16));
            String encoded = Base64.getEncoder().encodeToString(new OCSPReqBuilder().addRequest(id).build().getEncoded());
            requests.add(LoadRequest.get("/ocsp/sign/" + URLEncoder.encode(encoded, StandardCharsets.US_ASCII), 200));
        }
        return roundRobin(requests);
    }

    private static Supplier<LoadRequest> roundRobin(List<LoadRequest> requests) {
        AtomicInteger next = new AtomicInteger();
        return () -> requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
    }
}
