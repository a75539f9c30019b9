package jp.shomei.verifier.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.api.HttpsListener;
import jp.shomei.ca.api.MunicipalApi;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestRequests;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.ca.verifier.VerifierRegistry;
import jp.shomei.keys.KeySource;
import jp.shomei.verifier.access.VerifierIdentity;
import jp.shomei.verifier.http.VerifierApi;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A whole CA with its municipal API and the verifier API on loopback HTTPS listeners, for
 * specifications that speak to them with curl. The CA and the verifier API share a clock the test
 * moves, set a minute behind the real one so that signatures openssl dates by the real clock fall
 * after issuance; TLS credentials are dated by the real clock.
 */
public final class VerifierTestBed implements AutoCloseable {

    public static final String RESIDENT = "00000000001";
    public static final String PURPOSE = "account opening and address updates";

    public final TestCa ca;
    public final Path work;
    private final LocalCredentials credentials;
    private final Vertx vertx;
    private final HttpServer verifierServer;
    private final HttpServer municipalServer;

    public VerifierTestBed(DatabaseConfig database, KeySource keys, Path work) {
        this.work = work;
        this.ca = new TestCa(database, keys, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS));
        ca.services.residents().put(TestCa.CHIYODA, new Resident(RESIDENT, "131016",
                new BasicFour(FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                        FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
        this.credentials = new LocalCredentials(work.resolve("credentials"), Clock.systemUTC());
        credentials.ensure(List.of(ca.store.read(tx -> tx.municipality("131016")).orElseThrow()));
        this.vertx = Vertx.vertx();
        try {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            Router verifierRouter = Router.router(vertx);
            new VerifierApi(vertx, ca.store, ca.authorities, ca.clock, meters).mount(verifierRouter);
            this.verifierServer = listen(verifierRouter);
            Router municipalRouter = Router.router(vertx);
            new MunicipalApi(vertx, ca.services, ca.authorities, ca.clock, meters).mount(municipalRouter);
            this.municipalServer = listen(municipalRouter);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private HttpServer listen(Router router) {
        LocalCredentials.Credential server = credentials.server();
        try {
            return HttpsListener.start(vertx, router, "127.0.0.1", 0, server.certificate(), server.privateKey(),
                    credentials.operationsCa().certificate()).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start a listener", e);
        }
    }

    /** Registers a verifier with a credential from the operations CA, and a curl that presents it. */
    public Curl verifier(String id, VerifierClass verifierClass, int requestsPerSecond) {
        LocalCredentials.Credential credential = credentials.ensureVerifier(id);
        new VerifierRegistry(ca.store).register(new Verifier(id, verifierClass, PURPOSE,
                VerifierIdentity.sha256(x509(credential.certificate())), requestsPerSecond,
                ca.clock.instant()), "operator:test");
        return client(credential);
    }

    public Curl verifier(String id, VerifierClass verifierClass) {
        return verifier(id, verifierClass, 10_000);
    }

    /** The Chiyoda issuance system's client, for the municipal API. */
    public Curl municipality() {
        return client(credentials.client("131016"));
    }

    /** A client that presents no certificate at all. */
    public Curl anonymous() {
        return new Curl(work, List.of("--cacert", credentials.operationsCa().certificate().toString()));
    }

    private Curl client(LocalCredentials.Credential credential) {
        return new Curl(work, List.of("--cacert", credentials.operationsCa().certificate().toString(),
                "--cert", credential.certificate().toString(), "--key", credential.privateKey().toString()));
    }

    public String verifierUrl(String path) {
        return "https://127.0.0.1:" + verifierServer.actualPort() + path;
    }

    public String municipalUrl(String path) {
        return "https://127.0.0.1:" + municipalServer.actualPort() + path;
    }

    /** A certificate for the resident, card key pair kept so that the test can sign with it. */
    public record Issued(CertificateRecord record, KeyPair keys) {
        public String pem() {
            return VerifierTestBed.pem(record.der());
        }
    }

    public Issued enroll(CaKind kind) {
        return enroll(kind, LocalDate.now().plusYears(8));
    }

    public Issued enroll(CaKind kind, LocalDate cardExpiresOn) {
        KeyPair pair = TestRequests.rsa(2048);
        return new Issued(ca.services.certificates().enroll(TestCa.CHIYODA, RESIDENT, kind,
                TestRequests.publicKeyInfo(pair), cardExpiresOn), pair);
    }

    /** The certificate and its private key as PEM files in the work directory, for openssl. */
    public Path[] pemFiles(Issued issued) {
        try {
            Path certificate = work.resolve(issued.record().serialHex() + ".pem");
            Path key = work.resolve(issued.record().serialHex() + ".key.pem");
            Files.writeString(certificate, issued.pem());
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new JcaPKCS8Generator(issued.keys().getPrivate(), null));
            }
            Files.writeString(key, text.toString());
            return new Path[] {certificate, key};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate x509(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The store below must be released whatever Vert.x does.
        }
        ca.close();
    }
}
