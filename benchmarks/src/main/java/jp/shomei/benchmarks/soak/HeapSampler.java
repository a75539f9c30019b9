package jp.shomei.benchmarks.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server's heap in use from its Prometheus {@code /metrics} (Micrometer's
 * {@code jvm_memory_used_bytes} gauges, summed over the heap pools) at a fixed interval.
 */
final class HeapSampler implements AutoCloseable {

    /** Seconds since the soak began, and heap bytes in use. */
    record Sample(double seconds, long bytes) {
        double megabytes() {
            return bytes / 1048576.0;
        }
    }

    private static final int HISTOGRAM_LINES = 30;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Sample> samples = new ArrayList<>();
    private long started;

    HeapSampler(URI metrics) {
        this.metrics = metrics;
    }

    /** Reads the heap once, failing if the gauges are not there; then every {@code interval}. */
    void start(Duration interval) {
        started = System.nanoTime();
        sample();
        if (samples.isEmpty()) {
            throw new IllegalStateException(metrics + " has no jvm_memory_used_bytes{area=\"heap\"} gauges");
        }
        timer.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The heap the server retains: a full collection ({@code jcmd PID GC.run}, which returns when it is
     * done), then one reading. Heap in use between collections rises and falls with garbage; this is the
     * floor that a leak would raise.
     */
    long retainedAfterFullGc(long serverPid) throws IOException, InterruptedException {
        jcmd(serverPid, "GC.run");
        return read().orElseThrow(() -> new IllegalStateException(metrics + " answered no heap gauges after GC.run"));
    }

    /**
     * What the retained heap is made of: the head of {@code jcmd PID GC.class_histogram} (itself a full
     * collection), written to {@code file}, so that a growth can be put down to the classes that grew.
     */
    static void writeHistogram(long serverPid, Path file) throws IOException, InterruptedException {
        List<String> head = jcmd(serverPid, "GC.class_histogram").lines().limit(HISTOGRAM_LINES).toList();
        Files.createDirectories(file.getParent());
        Files.write(file, head, StandardCharsets.UTF_8);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        try {
            OptionalLong heap = read();
            if (heap.isPresent()) {
                synchronized (this) {
                    samples.add(new Sample((System.nanoTime() - started) / 1e9, heap.getAsLong()));
                }
            }
        } catch (Exception e) {
            System.out.println("heap sample failed: " + e.getMessage());
        }
    }

    /** Heap bytes in use, summed over the heap pools; empty if the server publishes no such gauges. */
    private OptionalLong read() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        if (!text.contains("jvm_memory_used_bytes{")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(text.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum());
    }

    /**
     * Whether the heap stayed level: the lowest sample of the last third (the floor after collections)
     * against the lowest of the first third. Growth of more than 20 % plus 16 MB is called growing.
     */
    static String verdict(List<Sample> samples) {
        if (samples.size() < 6) {
            return "too few samples (" + samples.size() + ") to judge";
        }
        int third = samples.size() / 3;
        double firstFloor = samples.subList(0, third).stream().mapToDouble(Sample::megabytes).min().orElseThrow();
        double lastFloor = samples.subList(samples.size() - third, samples.size()).stream()
                .mapToDouble(Sample::megabytes).min().orElseThrow();
        String floors = String.format("lowest sample %.0f MB in the first third, %.0f MB in the last third", firstFloor, lastFloor);
        return (lastFloor <= firstFloor * 1.2 + 16 ? "flat: " : "growing: ") + floors;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
