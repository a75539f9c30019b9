package jp.shomei.app.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.app.audit.AuditCheckpointSchedule;
import jp.shomei.app.audit.AuditKeyFile;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.ca.api.HttpsListener;
import jp.shomei.ca.api.InvalidRequests;
import jp.shomei.ca.api.MunicipalApi;
import jp.shomei.ca.api.MunicipalRateLimit;
import jp.shomei.ca.ejbca.EjbcaRestApi;
import jp.shomei.ca.est.EstApi;
import jp.shomei.ca.api.OperationalRoutes;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.cmp.CmpRoutes;
import jp.shomei.ca.cmp.CmpService;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.KeyStorePassphrase;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.crl.CrlPublication;
import jp.shomei.ocsp.OcspResponder;
import jp.shomei.verifier.http.VerifierApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service in one process on embedded defaults: key store, store, both CAs, local TLS
 * credentials, the municipal HTTPS listener, the validation HTTP listener and the verifier HTTPS listener.
 */
public final class ShomeiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShomeiServer.class);
    /** How long a stop waits for the requests in flight; an issuance takes well under a second. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);

    private final ShomeiConfig config;
    private final KeySource keys;
    private final Store store;
    private final CertificateAuthorities authorities;
    private final LocalCredentials credentials;
    private final Vertx vertx;
    private final HttpServer municipal;
    private final HttpServer validation;
    private final OcspResponder ocsp;
    private final CrlPublication crl;
    private final HttpServer verifier;
    private final AuditCheckpointSchedule audit;

    private ShomeiServer(ShomeiConfig config, KeySource keys, Store store, CertificateAuthorities authorities,
                         LocalCredentials credentials, Vertx vertx, HttpServer municipal, HttpServer validation,
                         OcspResponder ocsp, CrlPublication crl, HttpServer verifier,
                         AuditCheckpointSchedule audit) {
        this.config = config;
        this.keys = keys;
        this.store = store;
        this.authorities = authorities;
        this.credentials = credentials;
        this.vertx = vertx;
        this.municipal = municipal;
        this.validation = validation;
        this.ocsp = ocsp;
        this.crl = crl;
        this.verifier = verifier;
        this.audit = audit;
    }

    /** Starts everything, creating the CAs and credentials on first start; fails fast with the reason. */
    public static ShomeiServer start(ShomeiConfig config, Clock clock, Map<String, String> environment) {
        SecureRandom random = new SecureRandom();
        KeySource keys = openKeys(config, environment);
        Store store = null;
        Vertx vertx = null;
        OcspResponder ocsp = null;
        CrlPublication crl = null;
        AuditCheckpointSchedule audit = null;
        try {
            store = Store.open(config.database());
            CertificateAuthorities authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                    new SerialNumbers(random), clock).loadOrCreate();
            audit = AuditCheckpointSchedule.start(store, keys, config.audit(), AuditKeyFile.in(config.dataDirectory()), clock);
            CaServices services = CaServices.create(store, authorities, config.crlBaseUrl(), clock, random);
            Store openStore = store;
            List<Municipality> demo = config.demoMunicipalities().stream()
                    .map(code -> openStore.read(tx -> tx.municipality(code)).orElseThrow(() -> new IllegalArgumentException(
                            "demo.municipalities: " + code + " is not a known municipality")))
                    .toList();
            // TLS peers judge these certificates by their own clocks, so they are dated by the real one.
            LocalCredentials credentials = new LocalCredentials(config.dataDirectory().resolve("credentials"),
                    Clock.systemUTC());
            credentials.ensure(demo);

            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(meters);
            new JvmThreadMetrics().bindTo(meters);
            crl = CrlPublication.start(store, authorities, config.crlBaseUrl(), config.dataDirectory().resolve("crl"),
                    config.crl(), clock, meters);
            CrlPublication publication = crl;
            Map<String, OperationalRoutes.HealthCheck> checks = new LinkedHashMap<>();
            checks.put("store", () -> storeHealth(openStore));
            checks.put("keys", () -> keysHealth(keys));
            checks.put("crl", () -> crlHealth(publication));
            OperationalRoutes operational = new OperationalRoutes(checks, meters);

            vertx = Vertx.vertx();
            Router municipalRouter = Router.router(vertx);
            // First, so that no route of any protocol does work for a client over its rate.
            MunicipalRateLimit rateLimit = new MunicipalRateLimit(config.municipalRateLimit(), clock, meters);
            rateLimit.mount(municipalRouter);
            operational.mount(vertx, municipalRouter);
            // Mounted before the municipal API, whose failure handler would otherwise answer for them.
            new EjbcaRestApi(vertx, services, authorities, config.dataDirectory().resolve("crl")).mount(municipalRouter);
            new EstApi(vertx, services, authorities, clock).mount(municipalRouter);
            new MunicipalApi(vertx, services, authorities, clock, meters).mount(municipalRouter);
            new CmpRoutes(vertx, CmpService.create(services, authorities, credentials, rateLimit, clock, random), meters)
                    .mount(municipalRouter);
            LocalCredentials.Credential server = credentials.server();
            HttpServer municipal = await(HttpsListener.start(vertx, municipalRouter, config.municipal().host(),
                    config.municipal().port(), server.certificate(), server.privateKey(),
                    credentials.operationsCa().certificate()), "municipal listener on " + config.municipal());

            Router validationRouter = Router.router(vertx);
            operational.mount(vertx, validationRouter);
            ocsp = OcspResponder.start(vertx, store, keys, authorities, clock, config.ocsp(), meters);
            ocsp.mount(validationRouter);
            crl.mount(validationRouter);
            HttpServer validation = await(vertx.createHttpServer().invalidRequestHandler(InvalidRequests::answer)
                    .requestHandler(validationRouter)
                    .listen(config.validation().port(), config.validation().host()), "validation listener on "
                    + config.validation());

            Router verifierRouter = Router.router(vertx);
            operational.mount(vertx, verifierRouter);
            new VerifierApi(vertx, store, authorities, clock, meters).mount(verifierRouter);
            HttpServer verifier = await(HttpsListener.start(vertx, verifierRouter, config.verifier().host(),
                    config.verifier().port(), server.certificate(), server.privateKey(),
                    credentials.operationsCa().certificate()), "verifier listener on " + config.verifier());
            return new ShomeiServer(config, keys, store, authorities, credentials, vertx, municipal, validation, ocsp, crl,
                    verifier, audit);
        } catch (RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            if (crl != null) {
                crl.close();
            }
            if (ocsp != null) {
                ocsp.close();
            }
            if (vertx != null) {
                vertx.close();
            }
            if (store != null) {
                store.close();
            }
            keys.close();
            throw e;
        }
    }

    public String municipalUrl() {
        return "https://" + config.municipal().host() + ":" + municipal.actualPort();
    }

    public String validationUrl() {
        return "http://" + config.validation().host() + ":" + validation.actualPort();
    }

    public String verifierUrl() {
        return "https://" + config.verifier().host() + ":" + verifier.actualPort();
    }

    public LocalCredentials credentials() {
        return credentials;
    }

    public Store store() {
        return store;
    }

    public CertificateAuthorities authorities() {
        return authorities;
    }

    /**
     * Stops in the order that leaves each part what it still needs: the listeners first, so that no
     * request arrives and those in flight are answered (for up to {@link #IN_FLIGHT_GRACE}); then the
     * periodic work that reads the store (CRL publication, OCSP's status feed and pre-signing); then
     * the audit schedule, whose final checkpoint is written while the store is still open; the store
     * and the keys last.
     */
    @Override
    public void close() {
        try {
            Future.join(List.of(municipal, validation, verifier).stream()
                    .map(listener -> listener.shutdown(IN_FLIGHT_GRACE.toMillis(), TimeUnit.MILLISECONDS))
                    .toList()).await(IN_FLIGHT_GRACE.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Closing is best effort: whatever the listeners left, the store and keys below must still be released.
            LOG.warn("The listeners did not stop cleanly within {}: {}", IN_FLIGHT_GRACE, e.getMessage());
        }
        crl.close();
        ocsp.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
        }
        audit.close();
        store.close();
        keys.close();
        LOG.info("shomei stopped");
    }

    /** The configured key source: the software key store in the data directory, or the PKCS#11 token. */
    public static KeySource openKeys(ShomeiConfig config, Map<String, String> environment) {
        return config.pkcs11Keys().map(settings -> Pkcs11CaKeys.open(settings, config.pkcs11CaKeys(), environment))
                .orElseGet(() -> openSoftware(config, environment));
    }

    private static KeySource openSoftware(ShomeiConfig config, Map<String, String> environment) {
        Path keyDirectory = config.dataDirectory().resolve("keys");
        Path secrets = config.dataDirectory().resolve("secrets");
        requirePassphraseForExistingKeys(keyDirectory, secrets, environment);
        return new SoftwareKeySource(keyDirectory, KeyStorePassphrase.loadOrCreate(secrets, environment));
    }

    /** As for the store: a generic reason for anonymous readers of /health, the details in the log. */
    private static Optional<String> keysHealth(KeySource keys) {
        Optional<String> reason = keys.unhealthyReason();
        reason.ifPresent(detail -> LOG.warn("Health check: {} cannot sign: {}", keys.describe(), detail));
        return reason.map(detail -> "signing keys unavailable");
    }

    /** As for the store: the files and errors go to the log, /health says only that publication fails. */
    private static Optional<String> crlHealth(CrlPublication crl) {
        Optional<String> reason = crl.unhealthyReason();
        reason.ifPresent(detail -> LOG.warn("Health check: {}; the previous CRLs are still served", detail));
        return reason.map(detail -> "CRL publication failing");
    }

    /**
     * A new passphrase is made only for an empty key store: keys made under a passphrase given in the
     * environment must not meet a freshly generated one that can never open them.
     */
    private static void requirePassphraseForExistingKeys(Path keyDirectory, Path secrets, Map<String, String> environment) {
        boolean passphraseKnown = environment.containsKey(KeyStorePassphrase.ENVIRONMENT_VARIABLE)
                || Files.exists(secrets.resolve(KeyStorePassphrase.FILE_NAME));
        if (passphraseKnown || !Files.isDirectory(keyDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.list(keyDirectory)) {
            if (files.anyMatch(file -> file.getFileName().toString().endsWith(".key.pem"))) {
                throw new IllegalStateException("the key store " + keyDirectory + " holds keys, but no passphrase is given: set "
                        + KeyStorePassphrase.ENVIRONMENT_VARIABLE + " to the passphrase they were made with");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key store " + keyDirectory, e);
        }
    }

    /** Anyone may read /health, so the reason stays generic; the details go to the log. */
    private static Optional<String> storeHealth(Store store) {
        try (Connection connection = store.dataSource().getConnection()) {
            return connection.isValid(2) ? Optional.empty() : Optional.of("database connection is not valid");
        } catch (SQLException e) {
            LOG.warn("Health check: database unreachable: {}", e.getMessage());
            return Optional.of("database unreachable");
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the " + what + ": " + e.getMessage(), e);
        }
    }
}
