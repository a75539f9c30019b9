package jp.shomei.crl.generation;

import java.time.Duration;
import java.util.Objects;

/**
 * How often CRLs are issued and how much is kept. Full CRLs are valid until the next full issue and
 * deltas until the next delta, so nextUpdate is thisUpdate plus the interval.
 *
 * @param workers how many CRLs of one round are generated at once
 */
public record CrlPolicy(Duration fullInterval, Duration deltaInterval, int keptGenerations, int workers) {

    public static final Duration DEFAULT_FULL_INTERVAL = Duration.ofDays(1);
    public static final Duration DEFAULT_DELTA_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_KEPT_GENERATIONS = 3;

    public CrlPolicy {
        Objects.requireNonNull(fullInterval, "crl.full-interval");
        Objects.requireNonNull(deltaInterval, "crl.delta-interval");
        if (fullInterval.compareTo(Duration.ofMinutes(1)) < 0 || fullInterval.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("crl.full-interval must be between 1 minute and 7 days, got " + fullInterval);
        }
        if (deltaInterval.compareTo(Duration.ofSeconds(1)) < 0 || deltaInterval.compareTo(fullInterval) >= 0) {
            throw new IllegalArgumentException("crl.delta-interval must be at least 1 second and shorter than"
                    + " crl.full-interval (" + fullInterval + "), got " + deltaInterval);
        }
        if (keptGenerations < 1 || keptGenerations > 100) {
            throw new IllegalArgumentException("crl.kept-generations must be 1..100, got " + keptGenerations);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("CRL workers must be 1..64, got " + workers);
        }
    }

    /** Daily full CRLs, deltas every minute, three generations kept, one worker per processor. */
    public static CrlPolicy defaults() {
        return new CrlPolicy(DEFAULT_FULL_INTERVAL, DEFAULT_DELTA_INTERVAL, DEFAULT_KEPT_GENERATIONS,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * How long an expired certificate stays on full CRLs: one full interval past its notAfter, so it
     * appears on at least one complete CRL issued after it expired, as RFC 5280 section 3.3 requires
     * before an entry may be dropped.
     */
    public Duration expiredRetention() {
        return fullInterval;
    }
}
