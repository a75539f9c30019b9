package jp.shomei.keys.ceremony;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A secret held by no one: a token PIN or a backup key-encryption key, split among operators so
 * that only a quorum can rebuild it. The rebuilt bytes live in this object alone and are wiped by
 * {@link #close()}; use it in try-with-resources.
 */
public final class QuorumSecret implements AutoCloseable {

    /** 256 bits: an AES-256 key-encryption key as is, or a 64-character PIN in hex. */
    public static final int SECRET_BYTES = 32;

    private final byte[] secret;
    private final String commitment;

    private QuorumSecret(byte[] secret) {
        this.secret = secret;
        this.commitment = SecretShare.commitmentOf(secret);
    }

    /** A fresh random secret, for setting up a quorum. */
    public static QuorumSecret generate(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new QuorumSecret(secret);
    }

    /**
     * Rebuilds the secret a script expects from the shares operators presented. Checks everything
     * that can be checked before combining (same set, enough distinct shares), then that the
     * result matches the commitment, so a wrong share is reported rather than silently used.
     *
     * @param name what the secret is for, in messages ("token PIN")
     * @throws CeremonyException naming what is missing or wrong, never a share's value
     */
    public static QuorumSecret rebuild(String name, String commitment, int threshold, List<SecretShare> presented) {
        List<SecretShare> shares = presented.stream().filter(share -> share.commitment().equals(commitment)).toList();
        if (shares.size() < threshold) {
            throw new CeremonyException("No quorum for the " + name + ": " + shares.size() + " of the " + threshold
                    + " shares needed were presented (secret " + commitment + ")");
        }
        for (SecretShare share : shares) {
            if (share.threshold() != threshold) {
                throw new CeremonyException("Share " + share.index() + " for the " + name + " claims a threshold of "
                        + share.threshold() + " where the script requires " + threshold);
            }
        }
        List<Shamir.Point> points = new ArrayList<>();
        for (SecretShare share : shares) {
            points.add(new Shamir.Point(share.index(), share.value()));
        }
        byte[] rebuilt = Shamir.combine(points);
        if (!SecretShare.commitmentOf(rebuilt).equals(commitment)) {
            Arrays.fill(rebuilt, (byte) 0);
            throw new CeremonyException("The shares presented for the " + name + " (indexes "
                    + shares.stream().map(SecretShare::index).toList() + ") do not rebuild the secret they commit to:"
                    + " at least one of them is wrong or was altered");
        }
        return new QuorumSecret(rebuilt);
    }

    /** Splits this secret into {@code count} shares, any {@code threshold} of which rebuild it. */
    public List<SecretShare> split(int threshold, int count, SecureRandom random) {
        return Shamir.split(secret, threshold, count, random).stream()
                .map(point -> new SecretShare(commitment, threshold, point.x(), point.y()))
                .toList();
    }

    public String commitment() {
        return commitment;
    }

    /** The secret as raw bytes, e.g. an AES key value; the array is this object's and is wiped on close. */
    public byte[] bytes() {
        return secret;
    }

    /** The secret as a token PIN (lowercase hex), in a new array the caller must wipe. */
    public char[] pin() {
        char[] pin = new char[secret.length * 2];
        for (int i = 0; i < secret.length; i++) {
            pin[2 * i] = Character.forDigit((secret[i] >> 4) & 0xf, 16);
            pin[2 * i + 1] = Character.forDigit(secret[i] & 0xf, 16);
        }
        return pin;
    }

    @Override
    public void close() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "quorum secret " + commitment;
    }
}
