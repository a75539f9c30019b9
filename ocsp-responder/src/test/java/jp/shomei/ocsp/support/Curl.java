package jp.shomei.ocsp.support;

import static org.assertj.core.api.Assertions.fail;

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

/** The real curl binary, an HTTP client independent of Java. A missing curl fails the test, naming it. */
public final class Curl {

    /** The status, headers (lower-case names) and body curl received. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private Curl() {
    }

    public static Response get(Path work, String url, String... extraOptions) {
        Path headers = work.resolve("curl-headers.txt");
        Path body = work.resolve("curl-body.bin");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30",
                "--dump-header", headers.toString(), "--output", body.toString()));
        command.addAll(List.of(extraOptions));
        command.add(url);
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return fail("These specifications need curl, which could not be started (%s); apt-get install curl",
                        e.getMessage());
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail("%s failed: %s", command, output);
            }
            List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(lines.get(0).split(" ")[1]);
            Map<String, String> named = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    named.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            return new Response(status, named, Files.readAllBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running curl");
        }
    }
}
