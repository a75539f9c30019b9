package jp.shomei.crl.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.testsupport.MutableClock;
import jp.shomei.ca.testsupport.TestRequests;
import jp.shomei.crl.generation.CrlPolicy;
import jp.shomei.crl.generation.CrlPublisher;
import jp.shomei.crl.generation.CrlSchedule;
import jp.shomei.crl.generation.CrlScopes;
import jp.shomei.crl.publication.CrlDirectory;
import jp.shomei.crl.publication.CrlRoutes;
import jp.shomei.keys.KeySource;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A CA over a real store whose certificates name this fixture's HTTP listener as their CRL
 * distribution point, with the CRL publisher serving from it: what relying parties meet.
 */
public final class CrlFixture implements AutoCloseable {

    /** 2026-11-22 10:00 JST. */
    public static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
    public static final Actor CHIYODA = new Actor("131016", "CN=Chiyoda-ku issuance system");
    public static final LocalDate CARD_EXPIRY = LocalDate.of(2036, 5, 10);

    public final MutableClock clock = new MutableClock(START);
    public final Store store;
    public final CertificateAuthorities authorities;
    public final CaServices services;
    public final CrlDirectory directory;
    public final CrlPublisher publisher;
    public final CrlScopes scopes;
    public final CrlPolicy policy;
    public final CrlBaseUrl baseUrl;
    public final Path work;
    private final Vertx vertx;
    private final HttpClient http = HttpClient.newHttpClient();
    private int residents;

    public CrlFixture(DatabaseConfig database, KeySource keys, Path root, CrlPolicy policy) {
        this.policy = policy;
        this.work = root.resolve("work");
        this.vertx = Vertx.vertx();
        this.directory = new CrlDirectory(root.resolve("crl"), policy.keptGenerations());
        Router router = Router.router(vertx);
        new CrlRoutes(directory, clock).mount(router);
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the CRL listener", e);
        }
        this.baseUrl = new CrlBaseUrl("http://127.0.0.1:" + server.actualPort());
        SecureRandom random = new SecureRandom();
        this.store = Store.open(database);
        this.authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock), new SerialNumbers(random),
                clock).loadOrCreate();
        this.services = CaServices.create(store, authorities, baseUrl, clock, random);
        this.publisher = new CrlPublisher(store, authorities, directory, policy, clock, new SimpleMeterRegistry());
        this.scopes = new CrlScopes(store, authorities, baseUrl);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CrlSchedule schedule() {
        return new CrlSchedule(publisher, scopes, policy);
    }

    /** A new adult Chiyoda resident with a certificate of this kind. */
    public CertificateRecord enrollChiyodaResident(CaKind kind) {
        String code = String.format("%011d", ++residents);
        services.residents().put(CHIYODA, new Resident(code, "131016", new BasicFour(
                FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
        return services.certificates().enroll(CHIYODA, code, kind, TestRequests.publicKeyInfo(TestRequests.ecP256()),
                CARD_EXPIRY);
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.value() + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Downloads a published CRL, failing unless it is served. */
    public X509CRLHolder crl(String path) {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode());
        }
        try {
            return new X509CRLHolder(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " did not return a CRL", e);
        }
    }

    public boolean lists(X509CRLHolder crl, BigInteger serial) {
        return crl.getRevokedCertificate(serial) != null;
    }

    public Path caPem(CaKind kind) {
        return OpenSsl.writePem(work, kind.pathName() + "-ca.pem", authorities.issuing(kind).authority().certificate());
    }

    public Path certificatePem(CertificateRecord certificate, String name) {
        try {
            return OpenSsl.writePem(work, name, new X509CertificateHolder(certificate.der()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads a CRL and writes it as PEM, which every openssl command reads. */
    public Path crlPem(String path, String name) {
        Path file = work.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); PemWriter pem = new PemWriter(out)) {
            pem.writeObject(new PemObject("X509 CRL", crl(path).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code openssl verify} at the test clock's time with the given extra options. */
    public OpenSsl.Outcome opensslVerify(Path caPem, Path certificatePem, String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("verify", "-attime",
                Long.toString(clock.instant().getEpochSecond()), "-CAfile", caPem.toString()));
        args.addAll(java.util.List.of(options));
        args.add(certificatePem.toString());
        return OpenSsl.run(work, args.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the store below must still close
        }
        store.close();
    }
}
