package jp.shomei.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.api.credentials.LocalCredentials;

/**
 * The real {@code shomei start} as a separate operating-system process, on the test class path, so
 * that a specification can kill it as a power cut would (SIGKILL: no shutdown hook, no flush) or stop
 * it as an operator would (SIGTERM), and start it again on the same data directory. Each start listens on freshly chosen free ports; its
 * output goes to {@code <data>/../shomei-<n>.log}.
 */
public final class ShomeiProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final Process process;
    private final int municipalPort;
    private final int validationPort;
    private final Path dataDirectory;
    private final Path log;

    private ShomeiProcess(Process process, int municipalPort, int validationPort, Path dataDirectory, Path log) {
        this.process = process;
        this.municipalPort = municipalPort;
        this.validationPort = validationPort;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /**
     * Starts {@code shomei start --data dataDirectory} with the given environment (the key store
     * passphrase) and returns once it printed "shomei ready"; fails with the process's output otherwise.
     */
    public static ShomeiProcess start(Path dataDirectory, Map<String, String> environment, int number) {
        try {
            Files.createDirectories(dataDirectory);
            int municipalPort = freePort();
            int validationPort = freePort();
            // The crash specification's client threads issue as fast as the server answers, which is not
            // what it specifies: the municipal rate limit is lifted.
            Files.writeString(dataDirectory.resolve("shomei.properties"),
                    "municipal.port=" + municipalPort + "\nvalidation.port=" + validationPort
                            + "\nverifier.port=" + freePort() + "\n"
                            + "municipal.rate-limit.burst=1000000000\n",
                    StandardCharsets.UTF_8);
            Path log = dataDirectory.resolveSibling("shomei-" + number + ".log");
            ShomeiProcess started = new ShomeiProcess(launch(environment, log, "start", "--data", dataDirectory.toString()),
                    municipalPort, validationPort, dataDirectory, log);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command line {@code shomei args…} in a JVM of its own, its output and errors going to {@code log}. */
    public static Process launch(Map<String, String> environment, Path log, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath, "jp.shomei.app.cli.ShomeiCommand"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("shomei ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("shomei start exited with " + process.exitValue() + ":\n" + output());
            }
            sleep(Duration.ofMillis(100));
        }
        killNow();
        throw new IllegalStateException("shomei start was not ready within " + READY_WITHIN + ":\n" + output());
    }

    /** SIGKILL on Linux: the process gets no chance to finish anything. Returns once it is gone. */
    public void killNow() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the killed server", e);
        }
    }

    /**
     * SIGTERM on Linux, as systemd or an operator stops the service. Returns the
     * exit code once the process is gone; a process still running after {@code within} fails.
     */
    public int stop(Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                killNow();
                throw new IllegalStateException("shomei start had not stopped " + within + " after SIGTERM:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stopping server", e);
        }
    }

    public String municipalUrl() {
        return "https://127.0.0.1:" + municipalPort;
    }

    public String validationUrl() {
        return "http://127.0.0.1:" + validationPort;
    }

    /** The municipal API as this municipality's issuance system, with the credentials the server wrote. */
    public MunicipalClient as(String municipalityCode) {
        LocalCredentials credentials = new LocalCredentials(dataDirectory.resolve("credentials"), Clock.systemUTC());
        LocalCredentials.Credential client = credentials.client(municipalityCode);
        return MunicipalClient.withClientCertificate(municipalUrl(), credentials.operationsCa().certificate(),
                client.certificate(), client.privateKey());
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            killNow();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
