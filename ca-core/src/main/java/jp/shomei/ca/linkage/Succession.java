package jp.shomei.ca.linkage;

import java.math.BigInteger;
import java.time.Instant;

/** An old-to-new link: the successor replaced the predecessor, for the given reason, at the given time. */
public record Succession(BigInteger predecessor, BigInteger successor, SuccessionKind kind, Instant linkedAt) {
}
