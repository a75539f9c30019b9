package jp.shomei.ca;

import java.util.Objects;

/**
 * A request Shomei will not carry out, for a reason the caller can act on. Thrown before anything is
 * written, or inside a transaction that it rolls back, so a refusal never changes the store.
 */
public class RefusedException extends RuntimeException {

    private final Problem problem;

    public RefusedException(Problem problem, String detail) {
        super(detail);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    /** The human-readable explanation for this occurrence (RFC 9457 "detail"). */
    public String detail() {
        return getMessage();
    }
}
