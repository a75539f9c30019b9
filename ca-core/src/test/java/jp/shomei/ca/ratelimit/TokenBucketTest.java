package jp.shomei.ca.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.shomei.keys.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void a_full_bucket_allows_one_seconds_worth_at_once_then_says_how_long_to_wait() {
        TokenBucket bucket = new TokenBucket(clock, RequestRate.perSecond(4));

        for (int i = 0; i < 4; i++) {
            assertThat(bucket.take()).isEmpty();
        }
        assertThat(bucket.take()).contains(Duration.ofMillis(250));
    }

    @Test
    void tokens_come_back_at_the_allowed_rate_and_never_beyond_one_seconds_worth() {
        TokenBucket bucket = new TokenBucket(clock, RequestRate.perSecond(2));
        bucket.take();
        bucket.take();

        clock.advance(Duration.ofMillis(500));
        assertThat(bucket.take()).isEmpty();
        assertThat(bucket.take()).isPresent();

        clock.advance(Duration.ofHours(1));
        assertThat(bucket.take()).isEmpty();
        assertThat(bucket.take()).isEmpty();
        assertThat(bucket.take()).isPresent();
    }

    @Test
    void a_burst_larger_than_the_rate_is_allowed_at_once_and_then_refills_at_the_rate() {
        TokenBucket bucket = new TokenBucket(clock, new RequestRate(2, 10));

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take()).as("request %d of the burst", i + 1).isEmpty();
        }
        assertThat(bucket.take()).contains(Duration.ofMillis(500));

        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 4; i++) {
            assertThat(bucket.take()).as("request %d after two seconds", i + 1).isEmpty();
        }
        assertThat(bucket.take()).contains(Duration.ofMillis(500));

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take()).isEmpty();
        }
        assertThat(bucket.take()).isPresent();
    }

    @Test
    void a_refused_request_takes_nothing_so_the_wait_it_was_told_is_enough() {
        TokenBucket bucket = new TokenBucket(clock, new RequestRate(4, 1));
        bucket.take();
        Duration wait = bucket.take().orElseThrow();
        assertThat(bucket.take()).contains(wait);

        clock.advance(wait);
        assertThat(bucket.take()).isEmpty();
    }

    @Test
    void a_clock_set_back_neither_refills_nor_breaks_the_bucket() {
        TokenBucket bucket = new TokenBucket(clock, new RequestRate(1, 1));
        bucket.take();

        clock.advance(Duration.ofHours(-1));
        assertThat(bucket.take()).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.take()).isEmpty();
    }
}
