package jp.shomei.verifier.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket of one second's worth of requests, refilled continuously at the allowed rate and
 * timed by the injected clock. Thread-safe.
 */
final class TokenBucket {

    private final Clock clock;
    private final double perSecond;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(Clock clock, int perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = clock.instant();
    }

    /** Takes a token; empty when one was available, otherwise how long until one will be. */
    synchronized Optional<Duration> take() {
        Instant now = clock.instant();
        double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos()) / 1e9;
        tokens = Math.min(perSecond, tokens + elapsed * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
    }
}
