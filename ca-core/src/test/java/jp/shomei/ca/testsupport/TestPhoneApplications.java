package jp.shomei.ca.testsupport;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Phone applications as the phone's app makes them: the two CSRs from the phone's keys, signed in a CMS
 * SignedData with the card's signing key and certificate.
 */
public final class TestPhoneApplications {

    private TestPhoneApplications() {
    }

    /** The application content (see SignedPhoneApplications) for two fresh phone keys. */
    public static byte[] content(String residentCode, String deviceId, KeyPair signingKey, KeyPair authenticationKey) {
        return new JsonObject()
                .put("resident", residentCode)
                .put("device", deviceId)
                .put("signingCsr", pem(TestRequests.csr(signingKey)))
                .put("authenticationCsr", pem(TestRequests.csr(authenticationKey)))
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A DER CMS SignedData over the content, with the signer certificate included, signed at the given
     * time (the specification's clock: the signingTime attribute must fall within the signer's validity).
     */
    public static byte[] sign(byte[] content, PrivateKey key, byte[] certificateDer, Instant signedAt) {
        try {
            X509CertificateHolder certificate = new X509CertificateHolder(certificateDer);
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            Hashtable<ASN1ObjectIdentifier, Attribute> attributes = new Hashtable<>();
            attributes.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(Date.from(signedAt)))));
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException(e);
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
