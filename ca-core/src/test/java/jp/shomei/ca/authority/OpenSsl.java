package jp.shomei.ca.authority;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Runs the real openssl binary, the independent judge of the certificates and requests these
 * specifications are about. A missing openssl fails the test, naming it; it never skips.
 */
public final class OpenSsl {

    private static final long TIMEOUT_SECONDS = 120;

    private OpenSsl() {
    }

    /** What a finished openssl command left behind. */
    public record Outcome(List<String> command, int exitCode, String output, String errors) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code openssl args...} in {@code directory}, whatever its exit code. */
    public static Outcome run(Path directory, String... args) {
        List<String> command = Stream.concat(Stream.of("openssl"), Stream.of(args)).toList();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            return fail("These specifications need the openssl command line tool, which could not be started (%s);"
                    + " install it: apt-get install openssl", e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String output = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within %d s", command, TIMEOUT_SECONDS);
            }
            return new Outcome(command, process.exitValue(), output, errors.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for %s", command);
        }
    }

    /** Runs {@code openssl args...} in {@code directory} and returns its standard output; fails the test on a non-zero exit. */
    public static String succeed(Path directory, String... args) {
        Outcome outcome = run(directory, args);
        if (!outcome.succeeded()) {
            fail("%s exited with %d:%n%s%s", outcome.command(), outcome.exitCode(), outcome.output(), outcome.errors());
        }
        return outcome.output();
    }

    /**
     * {@code openssl asn1parse -i} of one extension's value in a PEM certificate, found by the name
     * openssl gives the extension (e.g. "X509v3 Subject Alternative Name"); openssl's text output
     * shortens directory names in alternative names, asn1parse shows every string with its type.
     */
    public static String asn1parseExtension(Path directory, String pemFile, String extensionName) {
        List<String> lines = succeed(directory, "asn1parse", "-i", "-in", pemFile).lines().toList();
        int nameLine = -1;
        for (int i = 0; i < lines.size() && nameLine < 0; i++) {
            if (lines.get(i).endsWith(":" + extensionName)) {
                nameLine = i;
            }
        }
        if (nameLine < 0) {
            return fail("no extension %s in %s", extensionName, String.join("\n", lines));
        }
        // after the OID may come the critical flag (BOOLEAN), then the value as OCTET STRING
        for (int i = nameLine + 1; i <= nameLine + 2 && i < lines.size(); i++) {
            if (lines.get(i).contains("OCTET STRING")) {
                String offset = lines.get(i).substring(0, lines.get(i).indexOf(':')).strip();
                return succeed(directory, "asn1parse", "-i", "-in", pemFile, "-strparse", offset);
            }
        }
        return fail("no value after extension %s in %s", extensionName, String.join("\n", lines));
    }

    /** Writes the certificate as PEM to {@code directory/fileName} for openssl to read. */
    public static Path writePem(Path directory, String fileName, X509CertificateHolder certificate) {
        Path file = directory.resolve(fileName);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             PemWriter pem = new PemWriter(out)) {
            pem.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
