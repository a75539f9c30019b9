package jp.shomei.verifier.support;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real curl binary as a verifier's or municipality's HTTPS client. A missing curl fails the test, naming it. */
public final class Curl {

    /** The status, headers (lower-case names) and body curl received. */
    public record Response(int status, Map<String, String> headers, String body) {

        public JsonObject json() {
            return new JsonObject(body);
        }

        public String code() {
            return json().getString("code");
        }
    }

    private final Path work;
    private final List<String> identity;

    /** A client in the work directory presenting the given TLS options (--cert, --key, --cacert). */
    public Curl(Path work, List<String> identity) {
        this.work = work;
        this.identity = List.copyOf(identity);
    }

    public Response get(String url) {
        return send("GET", url, null, "application/json");
    }

    public Response post(String url, String body) {
        return send("POST", url, body, "application/json");
    }

    public Response put(String url, String body) {
        return send("PUT", url, body, "application/json");
    }

    public Response send(String method, String url, String body, String contentType) {
        Path headers = work.resolve("curl-headers.txt");
        Path output = work.resolve("curl-body.txt");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "60", "--header", "Expect:",
                "--request", method, "--dump-header", headers.toString(), "--output", output.toString()));
        command.addAll(identity);
        try {
            if (body != null) {
                Path request = work.resolve("curl-request.txt");
                Files.writeString(request, body, StandardCharsets.UTF_8);
                command.addAll(List.of("--header", "Content-Type: " + contentType, "--data-binary", "@" + request));
            }
            command.add(url);
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return fail("These specifications need curl, which could not be started (%s); apt-get install curl",
                        e.getMessage());
            }
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail("%s failed: %s", command, log);
            }
            List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
            Map<String, String> named = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    named.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            return new Response(Integer.parseInt(lines.get(0).split(" ")[1]), named,
                    Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running curl");
        }
    }
}
