package jp.shomei.app.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.shomei.ca.api.credentials.LocalCredentials;

/**
 * {@code shomei start} in a JVM of its own, with both CA keys on a SoftHSM token made for this run
 * in a temporary directory, configured only through shomei.properties as an operator would. A
 * separate JVM because SoftHSM finds its token directory through the SOFTHSM2_CONF environment
 * variable, which a running JVM cannot set for itself.
 */
public final class ShomeiOnSoftHsm implements AutoCloseable {

    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern MUNICIPAL_URL = Pattern.compile("Municipal API \\(HTTPS, client certificates\\): (\\S+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    public final Path dataDirectory;
    public final Path softHsmConfig;
    public final String tokenLabel;
    /** The token's user PIN, random for this run; tests hand it to pkcs11-tool. */
    public final String pin;
    private final Process process;
    private final Path log;
    private final String municipalUrl;

    private ShomeiOnSoftHsm(Path dataDirectory, Path softHsmConfig, String tokenLabel, String pin, Process process,
                            Path log, String municipalUrl) {
        this.dataDirectory = dataDirectory;
        this.softHsmConfig = softHsmConfig;
        this.tokenLabel = tokenLabel;
        this.pin = pin;
        this.process = process;
        this.log = log;
        this.municipalUrl = municipalUrl;
    }

    public static ShomeiOnSoftHsm start(Path root) throws IOException, InterruptedException {
        return start(root, List.of(), Map.of());
    }

    /**
     * As {@link #start(Path)}, with more tokens under these labels (the same user PIN) and more
     * settings in shomei.properties.
     */
    public static ShomeiOnSoftHsm start(Path root, List<String> moreTokens, Map<String, String> moreSettings)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(MODULE)) {
            fail("This test needs SoftHSM's module " + MODULE + "; install softhsm2 or run ./scripts/test, which does");
        }
        Path tokens = Files.createDirectories(root.resolve("softhsm/tokens"));
        Path config = Files.writeString(root.resolve("softhsm/softhsm2.conf"),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        String label = "shomei-" + randomHex(4);
        String pin = randomHex(12);
        for (String token : Stream.concat(Stream.of(label), moreTokens.stream()).toList()) {
            run(config, List.of("softhsm2-util", "--init-token", "--free", "--label", token,
                    "--so-pin", randomHex(12), "--pin", pin));
        }

        Path data = Files.createDirectories(root.resolve("data"));
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/pkcs11-pin"), pin + "\n");
        List<String> settings = new ArrayList<>(List.of("municipal.port=0", "validation.port=0", "verifier.port=0",
                "keys.source=pkcs11", "keys.pkcs11.module=" + MODULE, "keys.pkcs11.token=" + label,
                "keys.pkcs11.pin-file=secrets/pkcs11-pin"));
        moreSettings.forEach((key, value) -> settings.add(key + "=" + value));
        Files.writeString(data.resolve("shomei.properties"), String.join("\n", settings) + "\n");

        Path log = root.resolve("shomei.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jp.shomei.app.cli.ShomeiCommand", "start", "--data", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SOFTHSM2_CONF", config.toString());
        builder.environment().remove("SHOMEI_PKCS11_PIN");
        Process process = builder.start();
        String url = awaitReady(process, log);
        return new ShomeiOnSoftHsm(data, config, label, pin, process, log, url);
    }

    private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains("shomei ready")) {
                Matcher url = MUNICIPAL_URL.matcher(output);
                if (!url.find()) {
                    fail("shomei start printed no municipal URL:%n%s", output);
                }
                return url.group(1);
            }
            if (!process.isAlive()) {
                fail("shomei start exited with %d before it was ready:%n%s", process.exitValue(), output);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        return fail("shomei start was not ready within %s:%n%s", START_TIMEOUT, Files.readString(log));
    }

    /** The municipal API as this municipality's issuance system. */
    public MunicipalClient as(String municipalityCode) {
        LocalCredentials credentials = new LocalCredentials(dataDirectory.resolve("credentials"), Clock.systemUTC());
        LocalCredentials.Credential client = credentials.client(municipalityCode);
        return MunicipalClient.withClientCertificate(municipalUrl, credentials.operationsCa().certificate(),
                client.certificate(), client.privateKey());
    }

    /** Runs pkcs11-tool (OpenSC) on this run's token; returns its standard output. */
    public String pkcs11Tool(String... arguments) {
        return pkcs11ToolOn(tokenLabel, arguments);
    }

    /** Runs pkcs11-tool (OpenSC) on the token with this label; returns its standard output. */
    public String pkcs11ToolOn(String token, String... arguments) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", MODULE.toString(),
                "--token-label", token, "--login", "--pin", pin));
        command.addAll(List.of(arguments));
        return run(softHsmConfig, command);
    }

    /** Runs another {@code shomei} command on the same data directory and token, in a JVM of its own. */
    public String shomei(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jp.shomei.app.cli.ShomeiCommand"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data", dataDirectory.toString()));
        return run(softHsmConfig, command);
    }

    /**
     * Deletes the token's directory under the running server, keeping a copy in {@code keep}. A copy
     * and a delete rather than a rename: SoftHSM's open files would follow a rename.
     */
    public Path deleteToken(Path keep) throws IOException {
        Path token = tokenDirectory();
        Path copy = Files.createDirectories(keep).resolve(token.getFileName().toString());
        copyTree(token, copy);
        try (Stream<Path> paths = Files.walk(token)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        return copy;
    }

    /** Re-creates the token's directory from the copy {@link #deleteToken} kept. */
    public void recreateToken(Path copy) throws IOException {
        copyTree(copy, softHsmConfig.resolveSibling("tokens").resolve(copy.getFileName().toString()));
    }

    private Path tokenDirectory() throws IOException {
        try (Stream<Path> tokens = Files.list(softHsmConfig.resolveSibling("tokens"))) {
            List<Path> all = tokens.toList();
            if (all.size() != 1) {
                fail("expected the one token of this run in %s, found %s", softHsmConfig.resolveSibling("tokens"), all);
            }
            return all.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Stops the server as an operator's Ctrl-C would, so it closes its sessions on the token. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String run(Path softHsmConfig, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SOFTHSM2_CONF", softHsmConfig.toString());
        Process process;
        try {
            process = builder.redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("This test needs %s, which could not be started (%s); install it (softhsm2-util: apt-get install"
                    + " softhsm2, pkcs11-tool: apt-get install opensc) or run ./scripts/test, which does",
                    command.get(0), e.getMessage());
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail("%s failed:%n%s", command.get(0), output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running %s", command.get(0));
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
