package jp.shomei.ca.authority;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.keys.SigningKey;

/** Real certificate authorities for specifications: keys from the software key store, certificates from the factory. */
public final class TestAuthorities {

    /** Made once per run: key files in a test directory are never readable with a fixed secret. */
    private static final char[] PASSPHRASE = new java.math.BigInteger(128, new java.security.SecureRandom()).toString(36).toCharArray();

    private TestAuthorities() {
    }

    /** A fresh RSA-2048 key in a software key store kept in {@code keyDirectory}. */
    public static SigningKey newKey(Path keyDirectory, String label) {
        try (SoftwareKeySource keys = new SoftwareKeySource(keyDirectory, PASSPHRASE)) {
            return keys.generateRsa2048(label);
        }
    }

    /** A CA of this kind with a new key, self-signed at the clock's instant. */
    public static CertificateAuthority create(CaKind kind, Path keyDirectory, Clock clock) {
        SigningKey key = newKey(keyDirectory, "ca-" + kind.pathName());
        return new CaCertificateFactory(clock).selfSign(kind, key, BigInteger.ONE);
    }
}
