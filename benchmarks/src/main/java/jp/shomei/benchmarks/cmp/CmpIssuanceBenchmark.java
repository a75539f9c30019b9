package jp.shomei.benchmarks.cmp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.ResultFile;
import jp.shomei.ca.api.HttpsListener;
import jp.shomei.ca.api.MunicipalRateLimit;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.cmp.CmpRoutes;
import jp.shomei.ca.cmp.CmpService;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.ratelimit.RequestRate;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.SoftwareKeySource;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.operator.ContentSigner;

/**
 * CMP ir certificates per second, end to end, against the raw signing rate of the same CA key in the
 * same run. The server is the real thing on embedded defaults: software keys, H2 on disk, the
 * municipal HTTPS listener with the CMP routes. The driver posts pre-built, signed ir messages
 * (implicit confirmation) over TLS with keep-alive from {@code connections} parallel clients; every
 * answer must be an ip. The baseline signs with the signing CA's key on {@code threads} threads,
 * as certificate issuance does (sign, then verify), before and after the CMP run.
 *
 * <p>Usage: {@code CmpIssuanceBenchmark <certificates> <connections> <threads> <work directory> [warm-up]}; the
 * warm-up (default 400 messages) is posted before the measured ones.
 */
public final class CmpIssuanceBenchmark {

    private static final Actor CHIYODA = new Actor("131016", "CN=Chiyoda-ku issuance system");
    private static final Duration BASELINE = Duration.ofSeconds(15);
    private static final int DEFAULT_WARM_UP = 400;

    private CmpIssuanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int certificates = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : DEFAULT_WARM_UP;
        Files.createDirectories(work);
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        char[] passphrase = Base64.getEncoder().encodeToString(random.generateSeed(18)).toCharArray();
        SoftwareKeySource keys = new SoftwareKeySource(work.resolve("keys"), passphrase);
        Store store = Store.open(DatabaseConfig.embedded(work));
        Vertx vertx = Vertx.vertx();
        try {
            CertificateAuthorities authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                    new SerialNumbers(random), clock).loadOrCreate();
            CaServices services = CaServices.create(store, authorities, new CrlBaseUrl("http://127.0.0.1"), clock, random);
            Municipality chiyoda = store.read(tx -> tx.municipality(CHIYODA.municipalityCode())).orElseThrow();
            LocalCredentials credentials = new LocalCredentials(work.resolve("credentials"), clock);
            credentials.ensure(List.of(chiyoda));
            Router router = Router.router(vertx);
            // This measures issuance, not the municipal rate limit: the limit is set beyond what it sends.
            MunicipalRateLimit unlimited = new MunicipalRateLimit(new RequestRate(1_000_000, 1_000_000), clock,
                    new SimpleMeterRegistry());
            new CmpRoutes(vertx, CmpService.create(services, authorities, credentials, unlimited, clock, random),
                    new SimpleMeterRegistry()).mount(router);
            LocalCredentials.Credential server = credentials.server();
            HttpServer listener = HttpsListener.start(vertx, router, "127.0.0.1", 0, server.certificate(),
                    server.privateKey(), credentials.operationsCa().certificate()).await(30, TimeUnit.SECONDS);
            URI endpoint = URI.create("https://127.0.0.1:" + listener.actualPort() + "/.well-known/cmp/p/sign");

            long residentBase = 20_000_000_000L + (System.currentTimeMillis() % 1_000_000) * 10_000;
            System.out.printf("registering %d residents...%n", warmUp + certificates);
            List<String> residents = register(services, residentBase, warmUp + certificates);
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(credentials.operationsCa().certificate()))
                    .version(HttpClient.Version.HTTP_1_1).build();
            SigningKey caKey = authorities.issuing(CaKind.SIGNING).authority().key();
            double before = signaturesPerSecond(caKey, threads);

            // Built last, so that their messageTime is fresh when they arrive.
            System.out.printf("building %d ir messages...%n", residents.size());
            IrMessages messages = new IrMessages(credentials.client(CHIYODA.municipalityCode()), random);
            List<byte[]> all = residents.stream().map(messages::ir).toList();
            post(http, endpoint, all.subList(0, warmUp), connections);
            long started = System.nanoTime();
            post(http, endpoint, all.subList(warmUp, all.size()), connections);
            double seconds = (System.nanoTime() - started) / 1e9;
            double after = signaturesPerSecond(caKey, threads);

            double cmpRate = certificates / seconds;
            double baseline = (before + after) / 2;
            System.out.printf("raw signing, CA key '%s', %d threads: %.0f/s before, %.0f/s after, mean %.0f/s%n",
                    caKey.label(), threads, before, after, baseline);
            System.out.printf("CMP ir end to end: %d certificates in %.2f s over %d connections = %.0f certificates/s%n",
                    certificates, seconds, connections, cmpRate);
            System.out.printf("ratio: %.0f %% of the raw signing rate%n", 100 * cmpRate / baseline);
            String rawSigning = String.format("raw signing, signing CA key, %d threads", threads);
            ResultFile.writeIfRequested(CmpIssuanceBenchmark.class, args, List.of(
                    Figure.of(rawSigning + ", before", "signatures/s", before),
                    Figure.of(rawSigning + ", after", "signatures/s", after),
                    Figure.of(String.format("CMP ir end to end, %d connections", connections), "certificates/s", cmpRate)
                            .withBaseline(rawSigning + ", mean of before and after", baseline)
                            .withCounts(certificates, 0, seconds)));
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            store.close();
            keys.close();
        }
    }

    private static List<String> register(CaServices services, long firstResident, int count) {
        List<String> residents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String resident = Long.toString(firstResident + i);
            services.residents().put(CHIYODA, new Resident(resident, CHIYODA.municipalityCode(),
                    new BasicFour(FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                            FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
            residents.add(resident);
        }
        return residents;
    }

    /** Posts every message, {@code connections} at a time, and insists that each is answered with an ip. */
    private static void post(HttpClient http, URI endpoint, List<byte[]> messages, int connections) throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(clients.submit(() -> {
                    for (long i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
                                .header("Content-Type", CmpRoutes.CONTENT_TYPE)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(messages.get((int) i))).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        PKIMessage answer = PKIMessage.getInstance(response.body());
                        if (response.statusCode() != 200 || answer.getBody().getType() != PKIBody.TYPE_INIT_REP) {
                            throw new IllegalStateException("message " + i + " was not answered with an ip: HTTP "
                                    + response.statusCode() + ", body type " + answer.getBody().getType() + ", "
                                    + (answer.getBody().getType() == PKIBody.TYPE_ERROR ? ErrorMsgContent.getInstance(
                                            answer.getBody().getContent()).getPKIStatusInfo().getStatusString() : ""));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> client : done) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private static double signaturesPerSecond(SigningKey key, int threads) throws Exception {
        byte[] tbs = new byte[1200];
        new SecureRandom().nextBytes(tbs);
        AtomicLong signatures = new AtomicLong();
        long deadline = System.nanoTime() + BASELINE.toNanos();
        ExecutorService signers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(signers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        ContentSigner signer = key.sha256WithRsa();
                        signer.getOutputStream().write(tbs);
                        signer.getSignature();
                        signatures.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<Void> signer : done) {
                signer.get();
            }
        } finally {
            signers.shutdown();
        }
        return signatures.get() / (BASELINE.toNanos() / 1e9);
    }

    private static SSLContext trusting(Path operationsCa) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(operationsCa)) {
            trust.setCertificateEntry("operations-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), new SecureRandom());
        return tls;
    }
}
