package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import jp.shomei.keys.KeySourceException;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/**
 * RSA-2048 signing key pairs on a token, as the signing pool, key ceremonies and device tokens make them: both
 * halves share the label and a random CKA_ID, the private key is sensitive, unmodifiable and can
 * only sign.
 */
public final class RsaKeys {

    private static final int KEY_ID_BYTES = 16;
    private static final BigInteger RSA_F4 = BigInteger.valueOf(65537);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RsaKeys() {
    }

    /**
     * @param wrappable whether the private key may leave the token wrapped (ceremony backups); it is
     *                  never readable in clear either way
     */
    public static PKCS11KeyPair generate(Session session, String label, boolean wrappable) throws PKCS11Exception {
        KeyPairTemplate template = signingTemplate(CKK_RSA, label, wrappable);
        template.publicKey().modulusBits(2048).publicExponent(RSA_F4);
        return session.generateKeyPair(new Mechanism(CKM_RSA_PKCS_KEY_PAIR_GEN), template);
    }

    /** The attributes every signing key pair of ours has, RSA or EC (see the class comment). */
    static KeyPairTemplate signingTemplate(long keyType, String label, boolean wrappable) {
        byte[] id = new byte[KEY_ID_BYTES];
        RANDOM.nextBytes(id);
        KeyPairTemplate template = new KeyPairTemplate(keyType).token(true).labels(label).id(id)
                .private_(true, false).signVerify(true).decryptEncrypt(false).unwrapWrap(false).derive(false)
                .signVerifyRecover(false);
        template.privateKey().sensitive(true).extractable(wrappable).modifiable(false);
        return template;
    }

    /** The JCA public key of an RSA public key object on the token. */
    public static PublicKey publicKey(Session session, long handle, String label, String tokenLabel) throws PKCS11Exception {
        AttributeVector attributes = session.getAttrValues(handle, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(attributes.modulus(), attributes.publicExponent()));
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("The public key of '" + label + "' on PKCS#11 token '" + tokenLabel
                    + "' is not a valid RSA key", e);
        }
    }
}
