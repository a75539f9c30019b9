package jp.shomei.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.keys.KeyStorePassphrase;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk holding the CRLs fills up while the server runs. A real full disk, without root: the
 * server runs in a JVM of its own inside a private mount namespace ({@code unshare -rm}, a user
 * namespace where the test's user may mount) with its CRL directory on a 64 MiB tmpfs, which the test
 * fills through {@code /proc/<pid>/root} until the kernel answers ENOSPC. Publications then fail; the
 * previous CRLs keep being served, /health turns red naming CRL publication, the failure counter
 * and the log say why, and everything recovers once space is freed.
 */
class CrlDiskFullTest {

    private static final Pattern MUNICIPAL_URL = Pattern.compile("Municipal API \\(HTTPS, client certificates\\): (\\S+)");
    private static final Pattern VALIDATION_URL = Pattern.compile("Validation \\(HTTP\\): (\\S+)");
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void whenTheCrlDiskIsFullThePreviousCrlIsServedAndTheFailureIsReportedUntilSpaceIsFreed() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path crl = Files.createDirectories(data.resolve("crl"));
        Files.writeString(data.resolve("shomei.properties"),
                String.join("\n", "municipal.port=0", "validation.port=0", "crl.delta-interval=PT5S", ""));
        Path log = root.resolve("shomei.log");
        ProcessBuilder builder = new ProcessBuilder("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=64m shomei-crl \"$0\" && exec \"$@\"", crl.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jp.shomei.app.cli.ShomeiCommand", "start",
                "--data", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(RunningShomei.environmentForThisRun());
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", KeyStorePassphrase.ENVIRONMENT_VARIABLE));
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process server = builder.start();
        try {
            String output = awaitReady(server, log);
            String validation = find(VALIDATION_URL, output);
            LocalCredentials credentials = new LocalCredentials(data.resolve("credentials"), Clock.systemUTC());
            LocalCredentials.Credential client = credentials.client(RunningShomei.CHIYODA);
            MunicipalClient chiyoda = MunicipalClient.withClientCertificate(find(MUNICIPAL_URL, output),
                    credentials.operationsCa().certificate(), client.certificate(), client.privateKey());

            // Deltas follow the first full round: once one is served, the start-up publication is over.
            String deltaUrl = validation + "/crl/sign/" + RunningShomei.CHIYODA + ".delta.crl";
            String fullUrl = validation + "/crl/sign/" + RunningShomei.CHIYODA + ".crl";
            await(deltaUrl, response -> response.statusCode() == 200);
            byte[] fullBefore = get(fullUrl).body();
            String resident = "40000000001";
            assertThat(connecting(() -> chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda())).status())
                    .isEqualTo(201);
            MunicipalClient.Response enrolled = connecting(() -> chiyoda.post("/v1/residents/" + resident
                    + "/certificates", ApiBodies.enrollment("sign", Csrs.rsa2048())));
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
            BigInteger serial = new BigInteger(enrolled.json().getString("serial"), 16);

            Path filler = Path.of("/proc/" + server.pid() + "/root" + crl.resolve("filler"));
            IOException full = fill(filler);
            assertThat(full).as("the kernel's own answer to a full disk").hasMessageContaining("No space left on device");

            MunicipalClient.Response revoked = connecting(() -> chiyoda.post("/v1/certificates/" + serial.toString(16)
                    + "/revoke", new JsonObject().put("reason", "keyCompromise")));
            assertThat(revoked.status()).as("revocation is recorded whatever the CRL disk does").isEqualTo(200);

            HttpResponse<byte[]> health = await(validation + "/health", response -> response.statusCode() == 503);
            JsonObject checks = new JsonObject(new String(health.body(), StandardCharsets.UTF_8)).getJsonObject("checks");
            assertThat(checks.getJsonObject("crl").getString("reason")).isEqualTo("CRL publication failing");
            assertThat(checks.getJsonObject("store").getString("status")).isEqualTo("UP");
            byte[] servedWhileFull = get(deltaUrl).body();
            long failures = failures(validation);
            await(validation + "/metrics", response -> failures(response) >= failures + 2);
            assertThat(get(deltaUrl).body()).as("two failed rounds later, still the same delta CRL").isEqualTo(servedWhileFull);
            assertThat(new X509CRLHolder(servedWhileFull).getRevokedCertificate(serial))
                    .as("the served delta is one from before the disk filled").isNull();
            assertThat(get(fullUrl).body()).isEqualTo(fullBefore);
            assertThat(Files.readString(log)).contains("No space left on device")
                    .contains("CRL file(s) could not be published");

            Files.delete(filler);
            await(validation + "/health", response -> response.statusCode() == 200);
            assertThat(new X509CRLHolder(get(deltaUrl).body()).getRevokedCertificate(serial))
                    .as("once there is space again, a new delta CRL shows the revocation").isNotNull();
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private long failures(String validation) throws IOException, InterruptedException {
        return failures(get(validation + "/metrics"));
    }

    private static long failures(HttpResponse<byte[]> metrics) {
        Matcher counter = Pattern.compile("(?m)^shomei_crl_publication_failures_total (\\S+)")
                .matcher(new String(metrics.body(), StandardCharsets.UTF_8));
        return counter.find() ? (long) Double.parseDouble(counter.group(1)) : fail("no CRL failure counter in /metrics");
    }

    /**
     * Repeats a call whose connection could not even be made (the shared test machine may be too busy
     * for a TLS handshake within the client's 10 s): the request was never sent, so repeating is safe.
     */
    private static MunicipalClient.Response connecting(Supplier<MunicipalClient.Response> call) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                return call.get();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof HttpConnectTimeoutException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
        }
    }

    /** Writes until the file system refuses, and returns its refusal. */
    private static IOException fill(Path filler) {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int written = 0; written < 1024; written++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            return e;
        }
        return fail("1 GiB went onto a 64 MiB tmpfs: the CRL directory is not on the small file system");
    }

    private HttpResponse<byte[]> await(String url, Predicate<HttpResponse<byte[]>> condition) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        HttpResponse<byte[]> response = get(url);
        while (!condition.test(response)) {
            if (Instant.now().isAfter(deadline)) {
                return fail("%s still answered %d after %s", url, response.statusCode(), PATIENCE);
            }
            Thread.sleep(200);
            response = get(url);
        }
        return response;
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains("shomei ready")) {
                return output;
            }
            if (!process.isAlive()) {
                return fail("shomei start in a private mount namespace (unshare -rm, which needs user namespaces)"
                        + " exited with %d before it was ready:%n%s", process.exitValue(), output);
            }
            Thread.sleep(200);
        }
        return fail("shomei start was not ready within %s:%n%s", PATIENCE, Files.readString(log));
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            return fail("shomei start did not print %s:%n%s", pattern, output);
        }
        return matcher.group(1);
    }
}
