package jp.shomei.keys.pkcs11;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the next reconnection may be tried: at once after a healthy spell, then after waits that
 * double from {@code first} up to {@code max}, so an HSM that is down is not hammered by every
 * signing request and health probe. Not thread-safe; the key source calls it under its lock.
 */
final class ReconnectBackoff {

    private final Clock clock;
    private final Duration first;
    private final Duration max;
    private int failures;
    private Instant notBefore = Instant.MIN;

    ReconnectBackoff(Clock clock, Duration first, Duration max) {
        this.clock = clock;
        this.first = first;
        this.max = max;
    }

    boolean mayAttempt() {
        return !clock.instant().isBefore(notBefore);
    }

    Instant nextAttempt() {
        return notBefore;
    }

    void failed() {
        // Doubling past 2^20 would overflow long before max is reached by any sane setting.
        Duration wait = first.multipliedBy(1L << Math.min(failures, 20));
        failures++;
        notBefore = clock.instant().plus(wait.compareTo(max) > 0 ? max : wait);
    }

    void succeeded() {
        failures = 0;
        notBefore = Instant.MIN;
    }
}
