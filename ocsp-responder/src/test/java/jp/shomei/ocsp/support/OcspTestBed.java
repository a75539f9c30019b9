package jp.shomei.ocsp.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ca.testsupport.TestRequests;
import jp.shomei.keys.KeySource;
import jp.shomei.ocsp.OcspResponder;
import jp.shomei.ocsp.OcspSettings;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A whole CA plus OCSP responder nodes on loopback for specifications. The CA runs on a clock frozen
 * at the start of the test; responders run on the real clock, because openssl and the JDK judge
 * thisUpdate and nextUpdate by theirs.
 */
public final class OcspTestBed implements AutoCloseable {

    public static final String RESIDENT = "00000000001";
    private static final LocalDate CARD_EXPIRY = LocalDate.now().plusYears(8);

    public final TestCa ca;
    private final DatabaseConfig database;
    private final KeySource keys;
    private final Path work;
    private Node first;

    public OcspTestBed(DatabaseConfig database, KeySource keys, Path work) {
        this.database = database;
        this.keys = keys;
        this.work = work;
        this.ca = new TestCa(database, keys, Instant.now());
        ca.services.residents().put(TestCa.CHIYODA, new Resident(RESIDENT, "131016",
                new BasicFour(FlaggedText.unsubstituted("山田　太郎"), LocalDate.of(1990, 5, 10), Sex.MALE,
                        FlaggedText.unsubstituted("東京都千代田区千代田１－１")), false, Optional.empty()));
    }

    /** One responder process: its own store connection pool, Vert.x and listener, sharing the database and keys. */
    public record Node(Store store, Vertx vertx, HttpServer server, OcspResponder responder) implements AutoCloseable {

        public String url(CaKind kind) {
            return "http://127.0.0.1:" + server.actualPort() + "/ocsp/" + kind.pathName();
        }

        @Override
        public void close() {
            responder.close();
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The store below must be released whatever Vert.x does.
            }
            store.close();
        }
    }

    /** The first responder node, started on first use. */
    public Node responder() {
        if (first == null) {
            first = startNode();
        }
        return first;
    }

    public Node startNode() {
        Store store = Store.open(database);
        Vertx vertx = Vertx.vertx();
        OcspResponder responder = OcspResponder.start(vertx, store, keys, ca.authorities, Clock.systemUTC(),
                OcspSettings.DEFAULTS, new SimpleMeterRegistry());
        Router router = Router.router(vertx);
        responder.mount(router);
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .await(30, TimeUnit.SECONDS);
            return new Node(store, vertx, server, responder);
        } catch (Exception e) {
            responder.close();
            vertx.close();
            store.close();
            throw new IllegalStateException("could not start an OCSP responder node", e);
        }
    }

    public String url(CaKind kind) {
        return responder().url(kind);
    }

    public CertificateRecord enroll(CaKind kind) {
        return ca.services.certificates().enroll(TestCa.CHIYODA, RESIDENT, kind,
                TestRequests.publicKeyInfo(TestRequests.rsa(2048)), CARD_EXPIRY);
    }

    public X509CertificateHolder issuingCa(CaKind kind) {
        return ca.authorities.issuing(kind).authority().certificate();
    }

    /** The CA certificate as PEM in the work directory, for openssl. */
    public Path caPem(CaKind kind) {
        return OpenSsl.writePem(work, kind.pathName() + "-ca.pem", issuingCa(kind));
    }

    /** The end-entity certificate as PEM in the work directory, for openssl. */
    public Path pem(CertificateRecord certificate) {
        try {
            return OpenSsl.writePem(work, certificate.serialHex() + ".pem", new X509CertificateHolder(certificate.der()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (first != null) {
            first.close();
        }
        ca.close();
    }
}
