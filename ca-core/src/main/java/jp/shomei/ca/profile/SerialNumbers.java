package jp.shomei.ca.profile;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Unpredictable certificate serial numbers: 127 random bits (16 bytes with the top bit cleared), so
 * every serial is positive, fits the 20 octets RFC 5280 allows, and has far more than the 64 bits
 * of entropy the CA/Browser Forum asks for against chosen-prefix collisions.
 */
public final class SerialNumbers {

    private static final int BYTES = 16;

    private final SecureRandom random;

    public SerialNumbers(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public BigInteger next() {
        byte[] bytes = new byte[BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
