package jp.shomei.ca.linkage;

import java.math.BigInteger;
import java.time.Instant;

/** A signing-to-authentication link: two certificates of one person on one device (card or phone). */
public record Pairing(BigInteger signing, BigInteger authentication, Instant linkedAt) {

    /** The certificate of the other kind than the given one, which must be one of the pair. */
    public BigInteger other(BigInteger serial) {
        if (serial.equals(signing)) {
            return authentication;
        }
        if (serial.equals(authentication)) {
            return signing;
        }
        throw new IllegalArgumentException(serial.toString(16) + " is not part of this pairing");
    }
}
