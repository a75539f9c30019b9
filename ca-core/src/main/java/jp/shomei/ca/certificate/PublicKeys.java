package jp.shomei.ca.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The fingerprint by which the store recognises a public key it has certified before. */
public final class PublicKeys {

    private PublicKeys() {
    }

    /** Lowercase hex SHA-256 of the DER subjectPublicKeyInfo. */
    public static String sha256Hex(SubjectPublicKeyInfo publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
