package jp.shomei.app.support;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.app.server.ShomeiServer;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.keys.testsupport.MutableClock;
import jp.shomei.ca.testsupport.StoreSnapshot;
import jp.shomei.keys.KeyStorePassphrase;

/**
 * A real ShomeiServer in this process, on a data directory of its own, with both listeners on free
 * ports, a clock the specifications move by hand and a key store passphrase made for this run.
 * Test classes share one (CA key generation is the slow part) and use distinct resident codes.
 */
public final class RunningShomei implements AutoCloseable {

    /** 2026-11-22 10:00 JST. */
    public static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
    public static final String CHIYODA = "131016";
    public static final String MINATO = "131032";

    private static final List<Municipality> DEMO_MUNICIPALITIES = List.of(
            new Municipality(CHIYODA, "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku"),
            new Municipality(MINATO, "東京都", "港区", "Tokyo-to", "Minato-ku"));

    /**
     * The specifications move this server's clock by hand, so a client's tokens never come back by
     * themselves: the municipal rate limit is set beyond what any specification sends (fuzzers
     * included), unless the settings given say otherwise (MunicipalRateLimitOverHttpsTest).
     */
    private static final Map<String, String> UNLIMITED_RATE = Map.of("municipal.rate-limit.burst", "1000000000");

    public final MutableClock clock;
    public final Path dataDirectory;
    /** Scratch space for the files openssl and curl read and write. */
    public final Path work;
    public final Map<String, String> environment;
    public final ShomeiServer server;
    private final AtomicLong residentCodes = new AtomicLong(10_000_000_000L);

    private RunningShomei(MutableClock clock, Path dataDirectory, Path work, Map<String, String> environment,
                          ShomeiServer server) {
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        this.work = work;
        this.environment = environment;
        this.server = server;
    }

    /**
     * Starts a server on {@code root/data}. The TLS credentials are made beforehand, dated by the real
     * clock: curl and the JDK check them against the real time, while ShomeiServer would date them by
     * the test clock, whose fixed instant may lie in the real future (reported as a bug).
     */
    public static RunningShomei start(Path root) {
        return start(root, Map.of());
    }

    /**
     * Starts a server as {@link #start(Path)} does, with these settings in its shomei.properties (the
     * only way to configure it: the file is written here).
     */
    public static RunningShomei start(Path root, Map<String, String> settings) {
        Path data = root.resolve("data");
        Path work = root.resolve("work");
        try {
            Files.createDirectories(data);
            Files.createDirectories(work);
            Map<String, String> all = new TreeMap<>(UNLIMITED_RATE);
            all.putAll(settings);
            StringBuilder properties = new StringBuilder();
            all.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
            Files.writeString(data.resolve(ShomeiConfig.PROPERTIES_FILE), properties, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new LocalCredentials(data.resolve("credentials"), Clock.systemUTC()).ensure(DEMO_MUNICIPALITIES);
        MutableClock clock = new MutableClock(START);
        Map<String, String> environment = environmentForThisRun();
        ShomeiServer server = ShomeiServer.start(ShomeiConfig.load(data, environment).withPorts(0, 0), clock,
                environment);
        return new RunningShomei(clock, data, work, environment, server);
    }

    /** An environment with a key store passphrase made for this run and nothing else. */
    public static Map<String, String> environmentForThisRun() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Map.of(KeyStorePassphrase.ENVIRONMENT_VARIABLE, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * A call to the municipal listener from a fuzz test, inside the one scope where Jazzer's network
     * bug detector lets connections through, and only to this listener's host.
     */
    @SuppressWarnings("try") // the resource is the scope; nothing inside refers to it
    public <T> T overMunicipalLoopback(Supplier<T> call) {
        URI municipal = URI.create(server.municipalUrl());
        // A connection the client opens again (after the server closed one) may be named by the loopback
        // address's host name rather than the URL's literal address.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((to, port) -> port == municipal.getPort()
                && (to.equals(municipal.getHost()) || to.equals("localhost")))) {
            return call.get();
        }
    }

    /** A resident code not used before on this server. */
    public String newResidentCode() {
        return Long.toString(residentCodes.incrementAndGet());
    }

    /** A new resident, Taro Yamada ({@link ApiBodies#taroInChiyoda}), registered through the municipal API. */
    public String registerTaroInChiyoda() {
        String resident = newResidentCode();
        MunicipalClient.Response response = as(CHIYODA).put("/v1/residents/" + resident, ApiBodies.taroInChiyoda());
        if (response.status() != 201) {
            throw new AssertionError("registering resident " + resident + " failed: " + response.body());
        }
        return resident;
    }

    /** The municipal API as the issuance system of this municipality, through the JDK HTTP client. */
    public MunicipalClient as(String municipalityCode) {
        LocalCredentials.Credential client = server.credentials().client(municipalityCode);
        return MunicipalClient.withClientCertificate(server.municipalUrl(), operationsCa(), client.certificate(),
                client.privateKey());
    }

    /** The municipal API without a client certificate. */
    public MunicipalClient anonymous() {
        return MunicipalClient.withoutClientCertificate(server.municipalUrl(), operationsCa());
    }

    /** The municipal API through the real curl binary, as the issuance system of this municipality. */
    public Curl curlAs(String municipalityCode) {
        LocalCredentials.Credential client = server.credentials().client(municipalityCode);
        return new Curl(work, server.municipalUrl(), List.of("--cacert", operationsCa().toString(),
                "--cert", client.certificate().toString(), "--key", client.privateKey().toString()));
    }

    /** curl trusting the operations CA but presenting no client certificate. */
    public Curl curlWithoutClientCertificate() {
        return new Curl(work, server.municipalUrl(), List.of("--cacert", operationsCa().toString()));
    }

    /** Every row of the store, to prove a refusal changed nothing. */
    public String storeSnapshot() {
        return StoreSnapshot.of(server.store().dataSource());
    }

    public Path operationsCa() {
        return server.credentials().operationsCa().certificate();
    }

    @Override
    public void close() {
        server.close();
    }
}
