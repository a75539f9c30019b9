package jp.shomei.ca.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request rates of a listener's clients, limited per node: one bucket per authenticated client
 * and rate (a client whose rate changes starts afresh at the new one). Clients are only ever
 * authenticated callers, a set bounded by the credentials issued, so buckets are kept for good.
 */
public final class RateLimits {

    private record Client(String id, RequestRate rate) {
    }

    private final Clock clock;
    private final Map<Client, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Empty when the client's request may go ahead, otherwise how long the client should wait. */
    public Optional<Duration> take(String client, RequestRate rate) {
        return buckets.computeIfAbsent(new Client(client, rate), key -> new TokenBucket(clock, rate)).take();
    }

    /** The wait as HTTP's Retry-After states it: whole seconds, rounded up, at least one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999) / 1_000_000_000);
    }
}
