package jp.shomei.verifier.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shomei.ca.verifier.Verifier;

/**
 * Each verifier's request rate, limited per node: one bucket per verifier, sized by its registered
 * requests per second. Nodes behind a load balancer each allow that rate.
 */
public final class RateLimits {

    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Empty when the request may go ahead, otherwise how long the verifier should wait. */
    public Optional<Duration> take(Verifier verifier) {
        return buckets.computeIfAbsent(verifier.id() + "/" + verifier.requestsPerSecond(),
                key -> new TokenBucket(clock, verifier.requestsPerSecond())).take();
    }
}
