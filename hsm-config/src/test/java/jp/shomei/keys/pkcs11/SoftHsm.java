package jp.shomei.keys.pkcs11;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SoftHSM tokens made for this test run, for the tests of this module and (through its test jar)
 * of the modules that sign with keys on a token. SoftHSM reads the file named by SOFTHSM2_CONF,
 * which surefire sets for the test JVM (see each module's pom.xml) and which this class writes,
 * before the library is first loaded, with a token directory of its own for this run. The command
 * line tools run with the same file, so they see the same tokens. Missing tools fail the test, never skip it.
 */
public final class SoftHsm {

    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path CONFIG = writeConfig();

    /** A token made by softhsm2-util, with the random PIN it was initialised with. */
    public record Token(String label, String pin, Path directory) {
        public char[] pinChars() {
            return pin.toCharArray();
        }
    }

    private SoftHsm() {
    }

    private static Path writeConfig() {
        String configured = System.getenv("SOFTHSM2_CONF");
        if (configured == null) {
            throw new AssertionError("SOFTHSM2_CONF is not set: run these tests through Maven, whose surefire"
                    + " configuration in hsm-config/pom.xml sets it");
        }
        if (!Files.isRegularFile(MODULE)) {
            fail("These tests need SoftHSM's PKCS#11 module " + MODULE + ", which is missing;"
                    + " install softhsm2 (apt-get install softhsm2) or run ./scripts/test, which does");
        }
        Path config = Path.of(configured);
        try {
            Files.createDirectories(config.getParent());
            Path tokens = Files.createTempDirectory(config.getParent(), "tokens-");
            Files.writeString(config, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteRecursively(tokens);
                } catch (IOException e) {
                    // Best effort: the directory is under target/ and goes with the next clean.
                }
            }));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SoftHSM configuration " + config, e);
        }
    }

    /** The token directory SoftHSM uses in this run. */
    public static Path tokenDirectory() {
        try {
            String line = Files.readAllLines(CONFIG).get(0);
            return Path.of(line.substring(line.indexOf('=') + 1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new token with a random label suffix, SO PIN and user PIN. */
    public static synchronized Token newToken(String labelPrefix) {
        String label = labelPrefix + "-" + HexFormat.of().formatHex(randomBytes(4));
        String pin = HexFormat.of().formatHex(randomBytes(12));
        Set<Path> before = tokenDirectories();
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", HexFormat.of().formatHex(randomBytes(12)), "--pin", pin));
        List<Path> created = tokenDirectories().stream().filter(directory -> !before.contains(directory)).toList();
        if (created.size() != 1) {
            throw new AssertionError("expected softhsm2-util to create one token directory, found " + created);
        }
        return new Token(label, pin, created.get(0));
    }

    private static Set<Path> tokenDirectories() {
        try (Stream<Path> entries = Files.list(tokenDirectory())) {
            return Set.copyOf(entries.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a tool with SOFTHSM2_CONF pointing at this run's configuration; returns standard output. */
    public static String run(List<String> command) {
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("SOFTHSM2_CONF", CONFIG.toString()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("This test needs %s, which could not be started (%s); install it (softhsm2-util: apt-get"
                    + " install softhsm2, pkcs11-tool: apt-get install opensc) or run ./scripts/test, which does",
                    command.get(0), e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String output = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish within %d s", command.get(0), TIMEOUT_SECONDS);
            }
            if (process.exitValue() != 0) {
                return fail("%s exited with %d: %s", command.get(0), process.exitValue(), errors.join());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * Deletes a token's directory, as if the HSM lost the token, keeping a copy in {@code keep}.
     * A copy and a delete rather than a rename: SoftHSM's open files would follow a rename.
     */
    static Path deleteTokenDirectory(Token token, Path keep) throws IOException {
        Path copy = keep.resolve(token.directory().getFileName());
        copyRecursively(token.directory(), copy);
        deleteRecursively(token.directory());
        return copy;
    }

    /** Re-creates a deleted token directory from its copy. */
    static void recreateTokenDirectory(Token token, Path copy) throws IOException {
        copyRecursively(copy, token.directory());
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
