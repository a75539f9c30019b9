package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidityPolicyTest {

    private static final LocalDate BORN = LocalDate.of(1985, 4, 2);
    private static final LocalDate CARD_FAR_AHEAD = LocalDate.of(2040, 1, 1);

    @ParameterizedTest(name = "issued {0} JST -> ends {1} JST")
    @CsvSource({
        // the birthday the day after issue is the first of the five
        "2024-04-01T10:00:00+09:00, 2028-04-02T23:59:59+09:00",
        // a birthday on the issue date itself does not count
        "2024-04-02T10:00:00+09:00, 2029-04-02T23:59:59+09:00",
        // 00:30 JST on 2 April is still 1 April in UTC: the JST date decides
        "2024-04-02T00:30:00+09:00, 2029-04-02T23:59:59+09:00",
        "2024-12-31T23:59:59+09:00, 2029-04-02T23:59:59+09:00",
    })
    void itRunsFromIssueToTheEndOfTheFifthBirthdayAfterTheIssueDate(OffsetDateTime issued, OffsetDateTime ends) {
        Validity validity = ValidityPolicy.forIssue(issued.toInstant(), BORN, CARD_FAR_AHEAD);

        assertThat(validity).isEqualTo(new Validity(issued.toInstant(), ends.toInstant()));
    }

    @Test
    void itStartsAtTheWholeSecondOfIssueBecauseThatIsWhatCertificatesCarry() {
        Validity validity = ValidityPolicy.forIssue(Instant.parse("2024-04-01T01:00:00.987Z"), BORN, CARD_FAR_AHEAD);

        assertThat(validity.notBefore()).isEqualTo(Instant.parse("2024-04-01T01:00:00Z"));
    }

    @Test
    void itNeverOutlivesTheCard() {
        Validity validity = ValidityPolicy.forIssue(Instant.parse("2024-04-01T01:00:00Z"), BORN, LocalDate.of(2027, 5, 31));

        assertThat(validity.notAfter()).isEqualTo(OffsetDateTime.parse("2027-05-31T23:59:59+09:00").toInstant());
    }

    @Test
    void aCardExpiringOnTheIssueDateStillGetsACertificateForTheRestOfThatDay() {
        Validity validity = ValidityPolicy.forIssue(Instant.parse("2024-04-01T01:00:00Z"), BORN, LocalDate.of(2024, 4, 1));

        assertThat(validity.notAfter()).isEqualTo(OffsetDateTime.parse("2024-04-01T23:59:59+09:00").toInstant());
    }

    @Test
    void aCardThatExpiredBeforeTheIssueDateIsRefused() {
        assertThatThrownBy(() -> ValidityPolicy.forIssue(Instant.parse("2024-04-01T01:00:00Z"), BORN, LocalDate.of(2024, 3, 31)))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.CARD_EXPIRED))
                .hasMessage("card expired on 2024-03-31, before the issue date 2024-04-01");
    }

    @ParameterizedTest(name = "born 29 Feb, issued {0} JST -> ends {1} JST")
    @CsvSource({
        // birthdays 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29, 2029-02-28
        "2024-03-01T10:00:00+09:00, 2029-02-28T23:59:59+09:00",
        // 28 February of a common year is the birthday, so on that day it does not count
        "2027-02-28T10:00:00+09:00, 2032-02-29T23:59:59+09:00",
    })
    void aTwentyNinthOfFebruaryBirthdayFallsOnTheTwentyEighthInCommonYears(OffsetDateTime issued, OffsetDateTime ends) {
        Validity validity = ValidityPolicy.forIssue(issued.toInstant(), LocalDate.of(2000, 2, 29), CARD_FAR_AHEAD);

        assertThat(validity.notAfter()).isEqualTo(ends.toInstant());
    }

    @Test
    void aDateOfBirthAfterTheIssueDateIsRefusedAsAnInvalidField() {
        assertThatThrownBy(() -> ValidityPolicy.forIssue(Instant.parse("2024-04-01T01:00:00Z"), LocalDate.of(2024, 4, 2), CARD_FAR_AHEAD))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
                .hasMessage("date of birth 2024-04-02 is after the issue date 2024-04-01");
    }

    @ParameterizedTest(name = "ends {0} -> renewable from {1}")
    @CsvSource({
        "2029-04-02T23:59:59+09:00, 2029-01-02T23:59:59+09:00",
        "2029-05-31T23:59:59+09:00, 2029-02-28T23:59:59+09:00",
    })
    void renewalOpensThreeCalendarMonthsBeforeTheEnd(OffsetDateTime notAfter, OffsetDateTime opens) {
        assertThat(ValidityPolicy.renewalOpensAt(notAfter.toInstant())).isEqualTo(opens.toInstant());
    }
}
