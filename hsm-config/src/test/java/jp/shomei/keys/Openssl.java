package jp.shomei.keys;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real openssl binary as an independent judge of what our code writes. */
final class Openssl {

    private static final long TIMEOUT_SECONDS = 60;

    private Openssl() {
    }

    /**
     * Runs {@code openssl args...} with extra environment variables (to pass secrets with
     * {@code -passin env:NAME} rather than on the command line) and returns its standard output.
     * Fails the test, never skips it, if openssl is missing or exits non-zero.
     */
    static byte[] run(Map<String, String> environment, String... args) {
        List<String> command = Stream.concat(Stream.of("openssl"), Stream.of(args)).toList();
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("This test needs the openssl command line tool, which could not be started (%s);"
                    + " install it (apt-get install openssl) or run ./scripts/test, which does", e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within %d s", command, TIMEOUT_SECONDS);
            }
            if (process.exitValue() != 0) {
                return fail("%s exited with %d: %s", command, process.exitValue(),
                        new String(errors.join(), StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for %s", command);
        }
    }

    static String runForText(Map<String, String> environment, String... args) {
        return new String(run(environment, args), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
