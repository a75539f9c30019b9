package jp.shomei.benchmarks.load;

import java.time.Duration;

/**
 * How hard and how long to load a target. {@code ratePerSecond} 0 is closed-loop: each of the
 * {@code connections} sends its next request when the previous is answered (maximum throughput).
 * A positive rate is open-loop: requests start on a fixed schedule whatever the answers do, at most
 * {@code connections} at a time on the wire, the rest waiting in the client's queue; latency is
 * counted from the scheduled start, so queueing behind a slow server is part of it. A run ends when
 * {@code duration} has passed or {@code maxRequests} have been sent, whichever comes first.
 */
public record LoadShape(int connections, Duration duration, long maxRequests, double ratePerSecond, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public LoadShape {
        if (connections < 1 || duration.isNegative() || duration.isZero() || maxRequests < 1 || ratePerSecond < 0) {
            throw new IllegalArgumentException("connections, duration and request count must be positive, the rate not negative");
        }
    }

    public static LoadShape closedLoop(int connections, Duration duration) {
        return new LoadShape(connections, duration, Long.MAX_VALUE, 0, DEFAULT_TIMEOUT);
    }

    public static LoadShape fixedRate(double ratePerSecond, int connections, Duration duration) {
        return new LoadShape(connections, duration, Long.MAX_VALUE, ratePerSecond, DEFAULT_TIMEOUT);
    }

    public boolean openLoop() {
        return ratePerSecond > 0;
    }
}
