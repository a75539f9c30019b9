package jp.shomei.app.support;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real curl binary, an HTTP and TLS client independent of Java. A missing curl fails the test,
 * naming it; it never skips.
 */
public final class Curl {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path work;
    private final String baseUrl;
    private final List<String> tlsOptions;

    public Curl(Path work, String baseUrl, List<String> tlsOptions) {
        this.work = work;
        this.baseUrl = baseUrl;
        this.tlsOptions = List.copyOf(tlsOptions);
    }

    /** What curl reported: its exit code (0 when an HTTP answer arrived), the answer, and its complaints. */
    public record Outcome(List<String> command, int exitCode, int status, String contentType, String body,
                          String errors, Optional<String> retryAfter) {

        public MunicipalClient.Response response() {
            if (exitCode != 0) {
                fail("%s exited with %d: %s", command, exitCode, errors);
            }
            return new MunicipalClient.Response(status, contentType, body, retryAfter);
        }

        public JsonObject json() {
            return response().json();
        }
    }

    /** The same client with more curl options, for example another client certificate. */
    public Curl withOptions(String... options) {
        List<String> all = new ArrayList<>(tlsOptions);
        all.addAll(List.of(options));
        return new Curl(work, baseUrl, all);
    }

    public Outcome get(String path) {
        return run("GET", path, null);
    }

    public Outcome post(String path, String body) {
        return run("POST", path, body);
    }

    public Outcome put(String path, String body) {
        return run("PUT", path, body);
    }

    /** {@code curl -X method} against a path of the server, sending the body (if any) from a file as JSON. */
    public Outcome run(String method, String path, String body) {
        return send(method, path, "application/json", body);
    }

    /** {@code curl -X method}, sending the body (if any) from a file with this content type. */
    public Outcome send(String method, String path, String contentType, String body) {
        try {
            Path answer = Files.createTempFile(work, "curl-answer-", ".txt");
            List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30",
                    "--request", method, "--output", answer.toString(),
                    "--write-out", "%{http_code}\\n%{content_type}\\n%header{retry-after}"));
            command.addAll(tlsOptions);
            if (body != null) {
                Path request = Files.createTempFile(work, "curl-request-", ".json");
                Files.writeString(request, body, StandardCharsets.UTF_8);
                command.addAll(List.of("--header", "Content-Type: " + contentType, "--data-binary", "@" + request));
            }
            command.add(baseUrl + path);
            return execute(command, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Outcome execute(List<String> command, Path answer) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).start();
        } catch (IOException e) {
            return fail("These specifications need the curl command line tool, which could not be started (%s);"
                    + " install it: apt-get install curl", e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String written = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within %d s", command, TIMEOUT_SECONDS);
            }
            String[] statusTypeAndRetry = written.split("\n", 3);
            int status = statusTypeAndRetry[0].isBlank() ? 0 : Integer.parseInt(statusTypeAndRetry[0].strip());
            String contentType = statusTypeAndRetry.length > 1 ? statusTypeAndRetry[1].strip() : "";
            Optional<String> retryAfter = statusTypeAndRetry.length > 2 && !statusTypeAndRetry[2].isBlank()
                    ? Optional.of(statusTypeAndRetry[2].strip()) : Optional.empty();
            String body = Files.exists(answer) ? Files.readString(answer, StandardCharsets.UTF_8) : "";
            return new Outcome(command, process.exitValue(), status, contentType, body, errors.join(), retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for %s", command);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
