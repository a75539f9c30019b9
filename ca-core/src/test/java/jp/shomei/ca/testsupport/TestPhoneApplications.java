package jp.shomei.ca.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import jp.shomei.ca.phone.SignedPhoneApplications;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Phone applications as the phone's app makes them, for fresh phone keys and a card's signing key. */
public final class TestPhoneApplications {

    private TestPhoneApplications() {
    }

    /** The application content (see SignedPhoneApplications) for two phone key pairs. */
    public static byte[] content(String residentCode, String deviceId, KeyPair signingKey, KeyPair authenticationKey) {
        return SignedPhoneApplications.content(residentCode, deviceId, pem(TestRequests.csr(signingKey)),
                pem(TestRequests.csr(authenticationKey)));
    }

    /** The content signed with the card's key and certificate at the given time. */
    public static byte[] sign(byte[] content, PrivateKey key, byte[] certificateDer, Instant signedAt) {
        try {
            return SignedPhoneApplications.sign(content, key, new X509CertificateHolder(certificateDer), signedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
