package jp.shomei.ca.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket holding at most the rate's burst, refilled continuously at its requests per second
 * and timed by the injected clock. Thread-safe.
 */
public final class TokenBucket {

    private final Clock clock;
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(Clock clock, RequestRate rate) {
        this.clock = clock;
        this.perSecond = rate.perSecond();
        this.capacity = rate.burst();
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    /** Takes a token; empty when one was available, otherwise how long until one will be. */
    public synchronized Optional<Duration> take() {
        Instant now = clock.instant();
        double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos()) / 1e9;
        tokens = Math.min(capacity, tokens + elapsed * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
    }
}
