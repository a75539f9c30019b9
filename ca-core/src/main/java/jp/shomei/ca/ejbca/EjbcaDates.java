package jp.shomei.ca.ejbca;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import jp.shomei.ca.api.JsonFields;

/** EJBCA's dates: ISO 8601 in UTC to the second, "2038-01-19T03:14:07Z". */
final class EjbcaDates {

    private EjbcaDates() {
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An ISO 8601 date and time with an offset, as EJBCA's search criteria take them. */
    static Instant parse(String text, String what) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new EjbcaError(400, what + " must be an ISO 8601 date and time like 2026-11-22T01:00:00Z, got '"
                    + JsonFields.abbreviate(text) + "'");
        }
    }
}
