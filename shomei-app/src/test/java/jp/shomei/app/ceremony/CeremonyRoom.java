package jp.shomei.app.ceremony;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ceremony room for one test: its own SoftHSM token directory and configuration under a
 * temporary directory, and {@code shomei} run in a JVM of its own as an operator would run it (a
 * separate JVM because SoftHSM finds its configuration through SOFTHSM2_CONF, which a running
 * JVM cannot set). Missing tools fail the test naming them, never skip it.
 */
final class CeremonyRoom {

    static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a command printed and how it ended. */
    record Outcome(int exitCode, String output) {
    }

    final Path root;
    private final Path softHsmConfig;

    CeremonyRoom(Path root) throws IOException {
        if (!Files.isRegularFile(MODULE)) {
            fail("This test needs SoftHSM's module " + MODULE + "; install softhsm2 or run ./scripts/test, which does");
        }
        this.root = root;
        Path tokens = Files.createDirectories(root.resolve("softhsm/tokens"));
        this.softHsmConfig = Files.writeString(root.resolve("softhsm/softhsm2.conf"),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    }

    /** Initialises a new token with this user PIN and a random SO PIN; returns its label. */
    String newToken(String prefix, String pin) {
        String label = prefix + "-" + randomHex(4);
        succeed(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", randomHex(12), "--pin", pin));
        return label;
    }

    /** Runs {@code shomei ARGUMENTS} in its own JVM with this room's SoftHSM. */
    Outcome shomei(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jp.shomei.app.cli.ShomeiCommand"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs pkcs11-tool logged in to the token; returns its outcome, failed or not. */
    Outcome pkcs11Tool(String tokenLabel, String pin, String... arguments) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE.toString(),
                "--token-label", tokenLabel, "--login", "--pin", pin));
        command.addAll(List.of(arguments));
        return run(command);
    }

    String succeed(List<String> command) {
        Outcome outcome = run(command);
        if (outcome.exitCode() != 0) {
            fail("%s exited with %d:%n%s", command.get(0), outcome.exitCode(), outcome.output());
        }
        return outcome.output();
    }

    private Outcome run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", softHsmConfig.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("This test needs %s, which could not be started (%s); install it (softhsm2-util: apt-get install"
                    + " softhsm2, pkcs11-tool: apt-get install opensc) or run ./scripts/test, which does",
                    command.get(0), e.getMessage());
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within 120 s:%n%s", command.get(0), output);
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running %s", command.get(0));
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
