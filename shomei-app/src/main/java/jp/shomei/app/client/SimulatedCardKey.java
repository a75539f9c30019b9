package jp.shomei.app.client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Stands in for a card's chip: makes an RSA-2048 key pair, as the chip does for each of its two
 * certificates, and the signed PKCS#10 request the municipal terminal sends for it. The private key
 * is dropped at once, as it would never leave a real chip, unless the demo needs it to sign a phone
 * application as the card would (a phone's secure element makes its keys the same way).
 */
public final class SimulatedCardKey {

    private static final int MODULUS_BITS = 2048;
    // The service takes only the public key from a request; the subject is there because PKCS#10 needs one.
    private static final X500Name SUBJECT = new X500Name("CN=Shomei demo card");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimulatedCardKey() {
    }

    /** A fresh key pair's certification request, as PEM ("-----BEGIN CERTIFICATE REQUEST-----"). */
    public static String newCertificationRequest() {
        return newKey().certificationRequest();
    }

    /** A fresh key: its private half, kept to sign with, and its certification request in PEM. */
    public record Key(PrivateKey privateKey, String certificationRequest) {
    }

    public static Key newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(MODULUS_BITS, RSAKeyGenParameterSpec.F4), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(SUBJECT, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return new Key(pair.getPrivate(), pem.toString());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("this JVM cannot make RSA-2048 keys or requests: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
