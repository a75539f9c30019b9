package jp.shomei.app.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Tells the population generator when to pause so that the embedded H2 file can be compacted. Under the
 * generator's sustained writes the file grows many times faster than its content (BENCHMARKS.md, "The embedded
 * file under bulk generation"): every commit writes new copies of the index pages it touched, and H2 may reuse
 * the space of the old copies only after its 45-second retention time, which at two workers' pace is gigabytes.
 * Compacting whenever the file has grown by half its size after the last compaction, and at least by the
 * minimum allowance, bounds the disk a run needs to about two and a half times the compacted population (the
 * compaction writes the new file beside the old).
 */
public final class EmbeddedFileGrowth implements BooleanSupplier {

    private final Path file;
    private final long minimumAllowance;
    private volatile long limit;

    /** Watches the file from its present size, which counts as compacted. */
    public EmbeddedFileGrowth(Path file, long minimumAllowance) {
        if (minimumAllowance < 1) {
            throw new IllegalArgumentException("the growth allowed before a compaction must be positive, not "
                    + minimumAllowance);
        }
        this.file = file;
        this.minimumAllowance = minimumAllowance;
        compacted();
    }

    /** Whether the file has outgrown its allowance since it was last compacted. */
    @Override
    public boolean getAsBoolean() {
        return size() > limit;
    }

    /** After a compaction: the file's new size is the base of the next allowance. */
    public void compacted() {
        long size = size();
        limit = size + Math.max(minimumAllowance, size / 2);
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }
}
