package jp.shomei.ocsp.signer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.RespID;

/**
 * A delegated OCSP signing certificate with its key: what signs the responses of one CA generation.
 * The responder ID is worked out once here rather than for every response.
 */
public record OcspSigner(int number, X509CertificateHolder certificate, SigningKey key, RespID responderId) {

    /** RFC 5019 §2.2.3 prefers identifying the responder by key hash (SHA-1 of the public key bits). */
    public static OcspSigner of(int number, X509CertificateHolder certificate, SigningKey key) {
        try {
            byte[] keyHash = MessageDigest.getInstance("SHA-1")
                    .digest(certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
            return new OcspSigner(number, certificate, key, new RespID(new ResponderID(new DEROctetString(keyHash))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
