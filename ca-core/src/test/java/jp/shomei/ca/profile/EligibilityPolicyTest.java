package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import org.junit.jupiter.api.Test;

class EligibilityPolicyTest {

    private static final LocalDate BORN = LocalDate.of(2012, 5, 3);

    @Test
    void aResidentOneDayShortOfFifteenIsRefusedSayingWhy() {
        Instant dayBeforeFifteenthBirthday = jst("2027-05-02T23:59:59");

        assertThatThrownBy(() -> EligibilityPolicy.requireEligibleForSigning(BORN, false, dayBeforeFifteenthBirthday))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NOT_ELIGIBLE_UNDER_15))
                .hasMessage("resident is 14 years old (born 2012-05-03); signing certificates are issued from age 15");
    }

    @Test
    void fromTheFifteenthBirthdayInJapanASigningCertificateMayBeIssued() {
        Instant fifteenthBirthdayStartsInJapan = jst("2027-05-03T00:00:00");

        assertThatCode(() -> EligibilityPolicy.requireEligibleForSigning(BORN, false, fifteenthBirthdayStartsInJapan))
                .doesNotThrowAnyException();
    }

    @Test
    void aTwentyNinthOfFebruaryChildTurnsFifteenOnTheFirstOfMarchInACommonYear() {
        LocalDate leapDayBirth = LocalDate.of(2012, 2, 29);

        assertThatThrownBy(() -> EligibilityPolicy.requireEligibleForSigning(leapDayBirth, false, jst("2027-02-28T12:00:00")))
                .hasMessageStartingWith("resident is 14 years old");
        assertThatCode(() -> EligibilityPolicy.requireEligibleForSigning(leapDayBirth, false, jst("2027-03-01T00:00:00")))
                .doesNotThrowAnyException();
    }

    @Test
    void anAdultWardIsRefusedSayingWhy() {
        assertThatThrownBy(() -> EligibilityPolicy.requireEligibleForSigning(LocalDate.of(1960, 1, 1), true, jst("2027-05-03T10:00:00")))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NOT_ELIGIBLE_ADULT_WARD))
                .hasMessage("resident is an adult ward (成年被後見人); signing certificates are not issued to adult wards");
    }

    private static Instant jst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+09:00").toInstant();
    }
}
