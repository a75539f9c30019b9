package jp.shomei.ca.authority;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * JPKI counts validity in Japanese calendar days: certificates end at 23:59:59 JST on their last day,
 * whatever the time of issue, and ages and anniversaries are taken on the JST date.
 */
public final class JapanTime {

    /** Japan Standard Time (UTC+9, no daylight saving since 1951). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private static final LocalTime LAST_SECOND_OF_DAY = LocalTime.of(23, 59, 59);

    private JapanTime() {
    }

    /** The calendar date in Japan at this instant. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /**
     * 23:59:59 JST on this date: the last second a certificate expressed in whole seconds (UTCTime) can
     * cover on that day.
     */
    public static Instant endOf(LocalDate date) {
        return date.atTime(LAST_SECOND_OF_DAY).atZone(ZONE).toInstant();
    }
}
