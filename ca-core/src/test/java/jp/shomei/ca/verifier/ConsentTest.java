package jp.shomei.ca.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant GIVEN = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-05-01T00:00:00Z");
    private final Consent consent = new Consent("c1", "00000000001", "bank", "account opening", GIVEN, EXPIRES,
            Optional.empty(), "municipality:131016");

    @Test
    void a_consent_is_in_force_until_the_instant_it_expires() {
        assertThat(consent.standingAt(GIVEN)).isEqualTo(Consent.Standing.IN_FORCE);
        assertThat(consent.standingAt(EXPIRES.minusNanos(1000))).isEqualTo(Consent.Standing.IN_FORCE);
        assertThat(consent.standingAt(EXPIRES)).isEqualTo(Consent.Standing.EXPIRED);
    }

    @Test
    void a_withdrawal_ends_it_from_the_instant_of_withdrawal() {
        Instant withdrawnAt = GIVEN.plusSeconds(60);
        Consent withdrawn = consent.withdrawn(withdrawnAt);

        assertThat(withdrawn.standingAt(withdrawnAt.minusNanos(1000))).isEqualTo(Consent.Standing.IN_FORCE);
        assertThat(withdrawn.standingAt(withdrawnAt)).isEqualTo(Consent.Standing.WITHDRAWN);
        assertThat(withdrawn.standingAt(EXPIRES.plusSeconds(1))).isEqualTo(Consent.Standing.WITHDRAWN);
    }

    @Test
    void a_consent_must_expire_after_it_is_given() {
        assertThatThrownBy(() -> new Consent("c2", "00000000001", "bank", "p", GIVEN, GIVEN, Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
