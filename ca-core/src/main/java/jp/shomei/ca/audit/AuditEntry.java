package jp.shomei.ca.audit;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * One audit record: who did what, when, to which resident or certificate. Written in the same
 * transaction as the change it records, numbered by a gap-free sequence.
 */
public record AuditEntry(long sequence, Instant recordedAt, String actor, String action,
                         Optional<String> residentCode, Optional<BigInteger> serial, String detail) {
}
