package jp.shomei.ca.ratelimit;

/**
 * How many requests one client may make: {@code perSecond} on average, and up to {@code burst} at
 * once after a quiet spell.
 */
public record RequestRate(int perSecond, int burst) {

    public RequestRate {
        if (perSecond < 1) {
            throw new IllegalArgumentException("requests per second must be at least 1, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }

    /** A rate whose burst is one second's worth of requests. */
    public static RequestRate perSecond(int perSecond) {
        return new RequestRate(perSecond, perSecond);
    }
}
