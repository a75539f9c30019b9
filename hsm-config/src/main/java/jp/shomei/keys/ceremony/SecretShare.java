package jp.shomei.keys.ceremony;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One operator's share of a quorum secret, as text an operator can keep on paper or a token:
 * {@code shomei-share-v1:COMMITMENT:THRESHOLD:INDEX:VALUE:CHECK}, all numbers decimal and bytes hex.
 *
 * <p>Two guards, because Shamir's arithmetic turns any wrong share into a plausible wrong secret:
 * CHECK (the first 4 bytes of SHA-256 over the text before it) catches a share mistyped or damaged
 * on its own; COMMITMENT (see {@link #commitmentOf}), the same in every share of a set, names the
 * secret the shares must rebuild, so a share altered with a fresh checksum is caught when the
 * secret is rebuilt, and the ceremony script pins which secret it expects.
 *
 * @param commitment 32 hex digits
 * @param threshold how many shares of the set rebuild the secret
 * @param index this share's x coordinate, 1..255
 * @param value the share's y values; secret material, never printed by {@link #toString()}
 */
public record SecretShare(String commitment, int threshold, int index, byte[] value) {

    static final String PREFIX = "shomei-share-v1";
    private static final HexFormat HEX = HexFormat.of();
    private static final int CHECK_BYTES = 4;
    private static final int COMMITMENT_BYTES = 16;
    private static final byte[] COMMITMENT_DOMAIN = "shomei ceremony secret commitment v1\0".getBytes(StandardCharsets.US_ASCII);

    public SecretShare {
        if (!commitment.matches("[0-9a-f]{" + 2 * COMMITMENT_BYTES + "}")) {
            throw new CeremonyException("A share commitment is " + 2 * COMMITMENT_BYTES + " lowercase hex digits");
        }
        if (threshold < 1 || index < 1 || index > 255 || value.length == 0) {
            throw new CeremonyException("A share needs threshold >= 1, index 1..255 and a value");
        }
    }

    /**
     * The commitment to a secret: the first 16 bytes of SHA-256 over a fixed label and the secret.
     * Safe to publish because quorum secrets are 32 random bytes, beyond any search.
     */
    public static String commitmentOf(byte[] secret) {
        MessageDigest sha256 = sha256();
        sha256.update(COMMITMENT_DOMAIN);
        byte[] digest = sha256.digest(secret);
        return HEX.formatHex(digest, 0, COMMITMENT_BYTES);
    }

    /**
     * Reads a share; {@code source} names it in errors (a file name, "operator 2"), the text never appears.
     *
     * @throws CeremonyException if the text is malformed or its checksum does not match
     */
    public static SecretShare parse(String text, String source) {
        String trimmed = text.strip();
        String[] fields = trimmed.split(":", -1);
        if (fields.length != 6 || !fields[0].equals(PREFIX)) {
            throw new CeremonyException("The share from " + source + " is not a " + PREFIX
                    + " share (expected 6 fields separated by ':')");
        }
        String body = trimmed.substring(0, trimmed.lastIndexOf(':'));
        if (!checksum(body).equals(fields[5])) {
            throw new CeremonyException("The share from " + source + " fails its checksum: it was mistyped or altered");
        }
        try {
            return new SecretShare(fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                    HEX.parseHex(fields[4]));
        } catch (IllegalArgumentException e) {
            throw new CeremonyException("The share from " + source + " has a malformed field", e);
        }
    }

    /** The text form, with its checksum. Secret material: hand it to its operator only. */
    public String format() {
        String body = PREFIX + ":" + commitment + ":" + threshold + ":" + index + ":" + HEX.formatHex(value);
        return body + ":" + checksum(body);
    }

    private static String checksum(String body) {
        return HEX.formatHex(sha256().digest(body.getBytes(StandardCharsets.US_ASCII)), 0, CHECK_BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "share " + index + " of a " + threshold + "-of-n set committed to " + commitment;
    }
}
