package jp.shomei.ca.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import jp.shomei.keys.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    private final RateLimits limits = new RateLimits(clock);
    private final RequestRate rate = new RequestRate(1, 2);

    @Test
    void each_client_has_a_bucket_of_its_own() {
        limits.take("131016", rate);
        limits.take("131016", rate);
        assertThat(limits.take("131016", rate)).isPresent();

        assertThat(limits.take("131032", rate)).isEmpty();
        assertThat(limits.take("131032", rate)).isEmpty();
    }

    @Test
    void a_client_whose_rate_changes_starts_with_a_full_bucket_at_the_new_rate() {
        limits.take("verifier-a", RequestRate.perSecond(1));
        assertThat(limits.take("verifier-a", RequestRate.perSecond(1))).isPresent();

        assertThat(limits.take("verifier-a", RequestRate.perSecond(2))).isEmpty();
    }

    @Test
    void retry_after_is_in_whole_seconds_rounded_up_and_never_zero() {
        assertThat(RateLimits.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(250))).isEqualTo(1);
        assertThat(RateLimits.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(RateLimits.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(RateLimits.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void a_rate_below_one_request_a_second_or_a_burst_below_one_is_refused_by_name() {
        assertThatThrownBy(() -> new RequestRate(0, 10)).hasMessage("requests per second must be at least 1, got 0");
        assertThatThrownBy(() -> new RequestRate(10, 0)).hasMessage("burst must be at least 1, got 0");
    }
}
