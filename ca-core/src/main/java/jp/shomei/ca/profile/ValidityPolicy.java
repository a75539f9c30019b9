package jp.shomei.ca.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.JapanTime;

/**
 * How long JPKI certificates (both kinds) are valid: from issue until 23:59:59 JST on the holder's
 * fifth birthday after the issue date, but never past the end of the card's expiry date.
 *
 * <p>A holder born on 29 February has the birthday on 28 February in common years. The law counts
 * such a person's age as reached at the end of 28 February, so the certificate ends on that day rather
 * than running into March.
 */
public final class ValidityPolicy {

    private static final int BIRTHDAYS = 5;
    private static final int RENEWAL_WINDOW_MONTHS = 3;

    private ValidityPolicy() {
    }

    /**
     * The validity of a certificate issued at {@code issuedAt} (truncated to the second) to a holder
     * born on {@code dateOfBirth} whose card expires at the end of {@code cardExpiresOn}.
     *
     * @throws RefusedException {@link Problem#CARD_EXPIRED} if the card expired before the issue date,
     *     {@link Problem#INVALID_FIELD} if the holder is born after the issue date
     */
    public static Validity forIssue(Instant issuedAt, LocalDate dateOfBirth, LocalDate cardExpiresOn) {
        Instant notBefore = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        LocalDate issueDate = JapanTime.dateOf(notBefore);
        if (cardExpiresOn.isBefore(issueDate)) {
            throw new RefusedException(Problem.CARD_EXPIRED,
                    "card expired on " + cardExpiresOn + ", before the issue date " + issueDate);
        }
        if (dateOfBirth.isAfter(issueDate)) {
            throw new RefusedException(Problem.INVALID_FIELD,
                    "date of birth " + dateOfBirth + " is after the issue date " + issueDate);
        }
        LocalDate fifthBirthday = fifthBirthdayAfter(dateOfBirth, issueDate);
        LocalDate lastDay = fifthBirthday.isAfter(cardExpiresOn) ? cardExpiresOn : fifthBirthday;
        return new Validity(notBefore, JapanTime.endOf(lastDay));
    }

    /** When a certificate ending at {@code notAfter} may be renewed: three calendar months before, in JST. */
    public static Instant renewalOpensAt(Instant notAfter) {
        return notAfter.atZone(JapanTime.ZONE).minusMonths(RENEWAL_WINDOW_MONTHS).toInstant();
    }

    /** Birthdays strictly after the issue date count; one on the issue date itself does not. */
    private static LocalDate fifthBirthdayAfter(LocalDate dateOfBirth, LocalDate issueDate) {
        // plusYears puts a 29 February birthday on 28 February in common years, as documented above.
        int years = issueDate.getYear() - dateOfBirth.getYear();
        if (!dateOfBirth.plusYears(years).isAfter(issueDate)) {
            years++;
        }
        return dateOfBirth.plusYears(years + BIRTHDAYS - 1L);
    }
}
