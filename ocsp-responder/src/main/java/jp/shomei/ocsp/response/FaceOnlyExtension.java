package jp.shomei.ocsp.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.profile.JpkiOids;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The non-critical singleResponse extension that tells a verifier whether an authentication
 * certificate's card is face-only (顔認証マイナンバーカード): {@code faceOnly EXTENSION ::= { BOOLEAN
 * IDENTIFIED BY 1.3.6.1.4.1.99999.1.1 }}, TRUE when the certificate may only be used after a face
 * check, FALSE when the card has a PIN. See docs/ocsp.md.
 */
public final class FaceOnlyExtension {

    /** OCSP extensions under Shomei's private arc are 1.3.6.1.4.1.99999.1.*. */
    public static final ASN1ObjectIdentifier OID = JpkiOids.SHOMEI_ARC.branch("1").branch("1");

    private FaceOnlyExtension() {
    }

    public static Extension of(AuthenticationMode mode) {
        try {
            return new Extension(OID, false, ASN1Boolean.getInstance(mode == AuthenticationMode.FACE).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
