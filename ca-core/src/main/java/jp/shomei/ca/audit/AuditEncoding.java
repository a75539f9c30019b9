package jp.shomei.ca.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import jp.shomei.ca.certificate.Serials;

/**
 * The canonical byte encodings the audit chain hashes and its checkpoints sign (docs/audit.md). Every
 * field has a fixed width or a length prefix, so no two different entries share an encoding:
 * <ul>
 *   <li>string: 4-byte big-endian length of its UTF-8 bytes, then the bytes;</li>
 *   <li>optional string: one byte 0 when absent, or one byte 1 followed by the string;</li>
 *   <li>long: 8 bytes big-endian, two's complement;</li>
 *   <li>instant: microseconds since 1970-01-01T00:00:00Z as a long (the database keeps microseconds);</li>
 *   <li>hash: the 32 raw bytes of a SHA-256 value.</li>
 * </ul>
 * An entry encodes as: string "shomei-audit-entry-v1", long sequence, instant recorded at, string
 * actor, string action, optional string resident code, optional string serial (lowercase hex, as
 * stored), string detail, hash of the previous entry (32 zero bytes before the first).
 */
public final class AuditEncoding {

    /** The previous-entry hash of entry 1. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final String ENTRY_TAG = "shomei-audit-entry-v1";
    private static final String CHECKPOINT_TAG = "shomei-audit-checkpoint-v1";
    private static final HexFormat HEX = HexFormat.of();

    private AuditEncoding() {
    }

    /** The precision the database keeps: an entry is hashed and stored at this precision. */
    public static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The lowercase hex SHA-256 of the entry's canonical encoding, chained to the previous entry's hash. */
    public static String entryHash(AuditEntry entry, String previousHash) {
        return HEX.formatHex(sha256(entryEncoding(entry, previousHash)));
    }

    static byte[] entryEncoding(AuditEntry entry, String previousHash) {
        Encoder out = new Encoder();
        out.string(ENTRY_TAG);
        out.longValue(entry.sequence());
        out.instant(entry.recordedAt());
        out.string(entry.actor());
        out.string(entry.action());
        out.optional(entry.residentCode());
        out.optional(entry.serial().map(Serials::toHex));
        out.string(entry.detail());
        out.hash(previousHash);
        return out.bytes();
    }

    /**
     * What a checkpoint signs: string "shomei-audit-checkpoint-v1", long sequence of the head entry (0
     * for an empty log), hash of the head entry, instant made at, string key label.
     */
    public static byte[] checkpointEncoding(long sequence, String headHash, Instant madeAt, String keyLabel) {
        Encoder out = new Encoder();
        out.string(CHECKPOINT_TAG);
        out.longValue(sequence);
        out.hash(headHash);
        out.instant(madeAt);
        out.string(keyLabel);
        return out.bytes();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final class Encoder {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
            bytes.writeBytes(utf8);
        }

        void optional(Optional<String> value) {
            bytes.write(value.isPresent() ? 1 : 0);
            value.ifPresent(this::string);
        }

        void longValue(long value) {
            bytes.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
        }

        void instant(Instant instant) {
            longValue(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
        }

        /** A stored value that is not 64 hex digits (only tampering makes one) encodes as a string, so it fails to match. */
        void hash(String hex) {
            if (hex != null && hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                bytes.writeBytes(HEX.parseHex(hex));
            } else {
                string(hex == null ? "" : hex);
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
