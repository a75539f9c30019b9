package jp.shomei.ca.phone;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.request.CertificationRequests;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.CollectionStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Opens a phone application: a CMS SignedData (RFC 5652) with the application as encapsulated content,
 * one signer, and the signer's certificate included, as {@code openssl cms -sign -nodetach -binary
 * -outform DER} makes it. The content is UTF-8 JSON:
 * <pre>
 * {"resident": "12345678901", "device": "pixel-8-0a1b2c",
 *  "signingCsr": "-----BEGIN CERTIFICATE REQUEST-----...", "authenticationCsr": "..."}
 * </pre>
 * Signing the CSRs together with the resident and the phone binds them: nobody can swap in their own key.
 */
public final class SignedPhoneApplications {

    private static final Set<String> MEMBERS = Set.of("resident", "device", "signingCsr", "authenticationCsr");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern RESIDENT_CODE = Pattern.compile("[0-9]{11}");

    private SignedPhoneApplications() {
    }

    /**
     * Verifies the signature with the included signer certificate and parses the content.
     *
     * @throws RefusedException PHONE_APPLICATION_INVALID for anything but one good signature over a well-formed
     *                          application; INVALID_CSR and friends for a bad request inside it
     */
    public static PhoneApplication open(byte[] cms) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(cms);
        } catch (CMSException | RuntimeException e) {
            throw invalid("not a CMS SignedData structure");
        }
        try {
            return open(signed);
        } catch (RefusedException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            // Bouncy Castle reads signer infos and certificates only when asked, and reports a structure of the
            // wrong shape with a runtime exception.
            throw invalid("the SignedData cannot be read: " + e.getMessage());
        }
    }

    private static PhoneApplication open(CMSSignedData signed) {
        if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] content)) {
            throw invalid("the application must be encapsulated in the SignedData (sign with -nodetach)");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw invalid("exactly one signer expected, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.size() != 1) {
            throw invalid("the signer's certificate must be included in the SignedData");
        }
        X509CertificateHolder signerCertificate = matches.iterator().next();
        if (!verifies(signer, signerCertificate)) {
            throw invalid("the signature does not verify with the included signer certificate");
        }
        return parse(content, signerCertificate);
    }

    private static boolean verifies(SignerInformation signer, X509CertificateHolder certificate) {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException
                 | RuntimeException e) {
            return false;
        }
    }

    private static PhoneApplication parse(byte[] content, X509CertificateHolder signer) {
        JsonObject json;
        try {
            json = new JsonObject(Buffer.buffer(content));
        } catch (DecodeException | ClassCastException e) {
            throw invalid("the signed content is not a JSON object");
        }
        for (String name : json.fieldNames()) {
            if (!MEMBERS.contains(name)) {
                throw invalid("unknown member '" + name + "' in the application; expected " + MEMBERS);
            }
        }
        String resident = member(json, "resident", RESIDENT_CODE, "11 digits");
        String device = member(json, "device", DEVICE_ID, "1 to 64 of A-Z a-z 0-9 . _ : -");
        return new PhoneApplication(resident, device,
                CertificationRequests.publicKeyFromPem(member(json, "signingCsr", null, null)),
                CertificationRequests.publicKeyFromPem(member(json, "authenticationCsr", null, null)), signer);
    }

    private static String member(JsonObject json, String name, Pattern form, String formDescription) {
        if (!(json.getValue(name) instanceof String value)) {
            throw invalid("the application needs the string member '" + name + "'");
        }
        if (form != null && !form.matcher(value).matches()) {
            throw invalid("'" + name + "' must be " + formDescription);
        }
        return value;
    }

    /** The application content for the phone's two requests, in PEM. */
    public static byte[] content(String residentCode, String deviceId, String signingCsrPem,
                                 String authenticationCsrPem) {
        return new JsonObject()
                .put("resident", residentCode)
                .put("device", deviceId)
                .put("signingCsr", signingCsrPem)
                .put("authenticationCsr", authenticationCsrPem)
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the phone's app does with the card: a DER SignedData encapsulating the content, signed with the
     * card signing key and including its certificate, with the signing time given (the signature is
     * refused when that time lies outside the certificate's validity).
     */
    public static byte[] sign(byte[] content, PrivateKey cardKey, X509CertificateHolder cardCertificate,
                              Instant signedAt) {
        try {
            Hashtable<ASN1ObjectIdentifier, Attribute> attributes = new Hashtable<>();
            attributes.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(Date.from(signedAt)))));
            String algorithm = cardKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder(algorithm).build(cardKey), cardCertificate));
            generator.addCertificates(new CollectionStore<>(List.of(cardCertificate)));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CMSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the phone application: " + e.getMessage(), e);
        }
    }

    private static RefusedException invalid(String detail) {
        return new RefusedException(Problem.PHONE_APPLICATION_INVALID, detail);
    }
}
