package jp.shomei.keys.device;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.VerifyingContentSigner;
import jp.shomei.keys.pkcs11.LoggedInSession;
import jp.shomei.keys.pkcs11.RsaKeys;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/**
 * A resident's card or phone, seen as its own PKCS#11 token, while the municipality issues onto
 * it: the key pair is generated on the token, the certification request is signed there, and the
 * issued certificate is written back next to the key with the same CKA_ID and label, so that
 * middleware finds key and certificate as one credential. The private key is sensitive and never
 * extractable, not even wrapped: unlike a CA key it has no backup, a lost card is revoked and
 * replaced.
 *
 * <p>Use: {@link #open}, {@link #generateKeyPair}, {@link #certificationRequest}, send the request
 * to the CA, {@link #storeCertificate} with what it issued, {@link #close}. One session, used by
 * one thread.
 */
public final class DeviceToken implements AutoCloseable {

    private final LoggedInSession login;
    private final Session session;

    private DeviceToken(LoggedInSession login) {
        this.login = login;
        this.session = login.session();
    }

    /**
     * Logs in to the device token with this label.
     *
     * @param pin the resident's PIN; read, not kept, the caller wipes it
     * @throws KeySourceException if the module or token is missing or the PIN is refused
     */
    public static DeviceToken open(Path modulePath, String tokenLabel, char[] pin) {
        return new DeviceToken(LoggedInSession.open(modulePath, tokenLabel, pin));
    }

    /**
     * Generates an RSA-2048 key pair on the token under this label, with a random CKA_ID: the
     * private key sensitive, never extractable, unmodifiable and usable only to sign.
     *
     * @throws KeySourceException if the token already holds an object with this label, or refuses
     */
    public DeviceKey generateKeyPair(String label) {
        try {
            if (session.findObjectsSingle(new AttributeVector().label(label), 1).length > 0) {
                throw new KeySourceException("Device token '" + login.tokenLabel() + "' already holds an object labelled '"
                        + label + "'; refusing to add a second credential under the same label");
            }
            PKCS11KeyPair pair = RsaKeys.generate(session, label, false);
            byte[] id = session.getAttrValues(pair.getPrivateKey(), CKA_ID).id();
            return new DeviceKey(label, id,
                    RsaKeys.publicKey(session, pair.getPublicKey(), label, login.tokenLabel()), pair.getPrivateKey());
        } catch (PKCS11Exception e) {
            throw login.failure("generate key '" + label + "'", e);
        }
    }

    /**
     * A PKCS#10 request for the key's public key, signed with sha256WithRSAEncryption on the token
     * (proof that the key is there) and checked against the public key before it is returned.
     * JPKI certificates take their subject from the resident register, not from the request, so
     * the subject here only names the device.
     */
    public PKCS10CertificationRequest certificationRequest(DeviceKey key, X500Name subject) {
        var builder = new PKCS10CertificationRequestBuilder(subject,
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()));
        return builder.build(new VerifyingContentSigner(key.label(), key.publicKey(), digestInfo -> sign(key, digestInfo)));
    }

    private byte[] sign(DeviceKey key, byte[] digestInfo) throws GeneralSecurityException {
        try {
            return session.signSingle(new Mechanism(CKM_RSA_PKCS), key.privateKeyHandle(), digestInfo);
        } catch (PKCS11Exception e) {
            throw new GeneralSecurityException("Device token '" + login.tokenLabel() + "' refused to sign: "
                    + e.getErrorName(), e);
        }
    }

    /**
     * Writes the issued certificate onto the token as a public CKO_CERTIFICATE (CKC_X_509) with the
     * key's label and CKA_ID.
     *
     * @throws KeySourceException if the certificate is not for this key (nothing is written), or the
     *     token refuses
     */
    public void storeCertificate(DeviceKey key, X509CertificateHolder certificate) {
        byte[] certified = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        byte[] held = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()).getPublicKeyData().getBytes();
        if (!Arrays.equals(certified, held)) {
            throw new KeySourceException("Certificate " + certificate.getSerialNumber().toString(16) + " certifies another"
                    + " public key than " + key + " on device token '" + login.tokenLabel() + "'; it was not written");
        }
        try {
            session.createObject(AttributeVector.newX509Certificate().token(true).private_(false).modifiable(false)
                    .label(key.label()).id(key.id())
                    .subject(der(certificate.getSubject()))
                    .issuer(der(certificate.getIssuer()))
                    .serialNumber(der(new ASN1Integer(certificate.getSerialNumber())))
                    .value(certificate.getEncoded()));
        } catch (PKCS11Exception e) {
            throw login.failure("store the certificate of " + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    /** Closes the session, which logs the resident out of the token. */
    @Override
    public void close() {
        login.close();
    }
}
