package jp.shomei.ca.profile;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import jp.shomei.ca.authority.JapanTime;
import jp.shomei.ca.resident.Municipality;

/** The subject common names of the two certificate kinds. */
public final class CommonNames {

    private static final DateTimeFormatter ISSUE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(JapanTime.ZONE);
    private static final long MAX_SEQUENCE = 99_999_999L;
    private static final int AUTHENTICATION_ID_BYTES = 16;

    private final SecureRandom random;

    public CommonNames(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * As JPKI names signing certificates: issue time in JST (yyyyMMddHHmmss), an eight-digit sequence
     * and the issuing counter's six-digit municipality code, e.g. "2024040210153000000042131016".
     */
    public String forSigning(Instant issuedAt, long sequence, Municipality counter) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be 0.." + MAX_SEQUENCE + ": " + sequence);
        }
        return ISSUE_TIME.format(issuedAt) + String.format("%08d", sequence) + counter.code();
    }

    /** 32 uppercase hex digits from the random source: identifies the certificate and says nothing about its holder. */
    public String forAuthentication() {
        byte[] id = new byte[AUTHENTICATION_ID_BYTES];
        random.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
