package jp.shomei.ca.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.JapanTime;

/**
 * Who may hold a signing certificate: not residents under 15, and not adult wards (成年被後見人),
 * because neither can make a legally binding electronic signature on their own. Authentication
 * certificates have no such limits.
 */
public final class EligibilityPolicy {

    private static final int MINIMUM_SIGNING_AGE = 15;

    private EligibilityPolicy() {
    }

    /**
     * Refuses a signing certificate the resident may not hold. Age is counted in completed years on the
     * JST date of issue; someone born on 29 February completes a year on 1 March in common years,
     * since the law has them reach the new age at the end of 28 February.
     *
     * @throws RefusedException {@link Problem#NOT_ELIGIBLE_UNDER_15} or {@link Problem#NOT_ELIGIBLE_ADULT_WARD}
     */
    public static void requireEligibleForSigning(LocalDate dateOfBirth, boolean adultWard, Instant issuedAt) {
        LocalDate issueDate = JapanTime.dateOf(issuedAt);
        int age = Period.between(dateOfBirth, issueDate).getYears();
        if (age < MINIMUM_SIGNING_AGE) {
            throw new RefusedException(Problem.NOT_ELIGIBLE_UNDER_15, "resident is " + age + " years old (born "
                    + dateOfBirth + "); signing certificates are issued from age " + MINIMUM_SIGNING_AGE);
        }
        if (adultWard) {
            throw new RefusedException(Problem.NOT_ELIGIBLE_ADULT_WARD,
                    "resident is an adult ward (成年被後見人); signing certificates are not issued to adult wards");
        }
    }
}
