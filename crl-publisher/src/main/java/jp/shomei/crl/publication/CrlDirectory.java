package jp.shomei.crl.publication;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.crl.encoding.CrlSize;

/**
 * The published CRLs on disk: {@code <root>/<ca>/<id>.crl} and {@code <id>.delta.crl}, each a hard link
 * to the newest of the generations kept in {@code <root>/<ca>/generations/<id>/}.
 *
 * <p>A CRL is written to a temporary file, forced to disk, and renamed into place, so a reader (this
 * node's HTTP listener, a CDN syncing the directory) sees either the previous CRL or the new one,
 * never part of one.
 */
public final class CrlDirectory {

    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final int keptGenerations;
    private final Map<String, PublishedCrl> current = new ConcurrentHashMap<>();
    /** Files whose latest publication failed, with the reason; the previous generation stays served. */
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    /** @param keptGenerations how many generations of each CRL stay on disk, the current one included */
    public CrlDirectory(Path root, int keptGenerations) {
        if (keptGenerations < 1 || keptGenerations > 100) {
            throw new IllegalArgumentException("kept CRL generations must be 1..100, got " + keptGenerations);
        }
        this.root = root.toAbsolutePath();
        this.keptGenerations = keptGenerations;
    }

    /** Where CRL encoders spool their entries: on the same disk as the CRLs. */
    public Path spoolDirectory() {
        return root.resolve(".spool");
    }

    /** Writes, fsyncs and atomically publishes one CRL, then prunes generations beyond those kept. */
    public PublishedCrl publish(CaKind kind, String scopeId, CrlVariant variant, long crlNumber, Instant thisUpdate,
                                Instant nextUpdate, CrlContent content) {
        Path caDirectory = root.resolve(kind.pathName());
        Path generations = caDirectory.resolve("generations").resolve(scopeId);
        try {
            Files.createDirectories(generations);
            Path temporary = Files.createTempFile(generations, ".", ".tmp");
            CrlSize size;
            try {
                size = writeDurably(temporary, content);
                Path generation = generations.resolve(variant.generationFileName(crlNumber));
                Files.move(temporary, generation, StandardCopyOption.ATOMIC_MOVE);
                Path link = caDirectory.resolve("." + variant.fileName(scopeId) + ".link");
                Files.deleteIfExists(link);
                Files.createLink(link, generation);
                Files.move(link, caDirectory.resolve(variant.fileName(scopeId)), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(generations);
                forceDirectory(caDirectory);
                PublishedCrl published = new PublishedCrl(kind, scopeId, variant, crlNumber, thisUpdate, nextUpdate,
                        generation, size);
                // Two publishers of one scope may finish out of order; the higher number always wins.
                current.merge(key(kind, variant.fileName(scopeId)), published,
                        (old, now) -> now.crlNumber() > old.crlNumber() ? now : old);
                prune(generations, variant);
                failing.remove(key(kind, variant.fileName(scopeId)));
                return published;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // A full or failing disk: the link still names the previous CRL, which keeps being served.
            failures.incrementAndGet();
            failing.put(key(kind, variant.fileName(scopeId)), String.valueOf(e.getMessage()));
            throw new UncheckedIOException("cannot publish " + kind.pathName() + "/" + variant.fileName(scopeId)
                    + " under " + root, e);
        }
    }

    /** How many publications failed since start (disk full, I/O errors). */
    public long failures() {
        return failures.get();
    }

    /** The files whose newest publication failed, with the reasons; empty when every latest attempt succeeded. */
    public Map<String, String> failing() {
        return Map.copyOf(failing);
    }

    /** The CRL now served under {@code /crl/<ca>/<fileName>}, if one was published. */
    public Optional<PublishedCrl> current(CaKind kind, String fileName) {
        return Optional.ofNullable(current.get(key(kind, fileName)));
    }

    private static CrlSize writeDurably(Path file, CrlContent content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
            CrlSize size = content.writeTo(out);
            out.flush();
            channel.force(true);
            return size;
        }
    }

    private void prune(Path generations, CrlVariant variant) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(generations)) {
            files = listing.filter(path -> variant.isGenerationFile(path.getFileName().toString()))
                    .sorted(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed())
                    .toList();
        }
        for (Path old : files.subList(Math.min(keptGenerations, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    /** Makes the renames themselves durable: without this a crash could forget a published file. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String key(CaKind kind, String fileName) {
        return kind.pathName() + "/" + fileName;
    }
}
