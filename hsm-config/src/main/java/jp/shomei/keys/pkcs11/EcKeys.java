package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import jp.shomei.keys.KeySourceException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/**
 * ECDSA P-256 signing key pairs on a token, for the next card generation: made like {@link RsaKeys}
 * (shared label, random CKA_ID, private key sensitive, unmodifiable, never extractable, sign only).
 */
final class EcKeys {

    private static final AlgorithmIdentifier P256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);
    private static final int UNCOMPRESSED_POINT_BYTES = 65;
    private static final byte[] P256_PARAMS = der(SECObjectIdentifiers.secp256r1);

    private EcKeys() {
    }

    /** CKM_EC_KEY_PAIR_GEN with CKA_EC_PARAMS naming prime256v1 (1.2.840.10045.3.1.7). */
    static PKCS11KeyPair generateP256(Session session, String label) throws PKCS11Exception {
        KeyPairTemplate template = RsaKeys.signingTemplate(CKK_EC, label, false);
        template.publicKey().ecParams(P256_PARAMS);
        return session.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), template);
    }

    /**
     * The JCA public key of an EC public key object on the token.
     *
     * @throws KeySourceException if the key is on another curve than P-256 or its point is malformed
     */
    static PublicKey publicKey(Session session, long handle, String label, String tokenLabel) throws PKCS11Exception {
        AttributeVector attributes = session.getAttrValues(handle, CKA_EC_PARAMS, CKA_EC_POINT);
        if (!Arrays.equals(P256_PARAMS, attributes.ecParams())) {
            throw new KeySourceException("Key '" + label + "' on PKCS#11 token '" + tokenLabel
                    + "' is an EC key on another curve than P-256, which Shomei does not sign with");
        }
        try {
            byte[] point = uncompressedPoint(attributes.ecPoint());
            byte[] encoded = new SubjectPublicKeyInfo(P256, point).getEncoded(ASN1Encoding.DER);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new KeySourceException("The public key of '" + label + "' on PKCS#11 token '" + tokenLabel
                    + "' is not a valid P-256 point", e);
        }
    }

    /**
     * PKCS#11 defines CKA_EC_POINT as the DER OCTET STRING of the point, but the wrapper hands some
     * modules' values over already unwrapped; an uncompressed P-256 point is 0x04 and 64 bytes.
     */
    private static byte[] uncompressedPoint(byte[] ecPoint) {
        if (ecPoint.length == UNCOMPRESSED_POINT_BYTES && ecPoint[0] == 0x04) {
            return ecPoint;
        }
        return ASN1OctetString.getInstance(ecPoint).getOctets();
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        try {
            return oid.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode " + oid, e);
        }
    }
}
