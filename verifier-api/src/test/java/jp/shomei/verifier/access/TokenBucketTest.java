package jp.shomei.verifier.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.shomei.ca.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    @Test
    void a_full_bucket_allows_one_seconds_worth_at_once_then_says_how_long_to_wait() {
        TokenBucket bucket = new TokenBucket(clock, 4);

        for (int i = 0; i < 4; i++) {
            assertThat(bucket.take()).isEmpty();
        }
        assertThat(bucket.take()).contains(Duration.ofMillis(250));
    }

    @Test
    void tokens_come_back_at_the_allowed_rate_and_never_beyond_one_seconds_worth() {
        TokenBucket bucket = new TokenBucket(clock, 2);
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
}
