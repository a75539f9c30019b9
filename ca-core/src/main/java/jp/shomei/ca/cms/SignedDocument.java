package jp.shomei.ca.cms;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A CMS SignedData (RFC 5652) with exactly one signer whose certificate travels inside it, as a
 * card or phone produces it: the signer's certificate, the signed content, the signing time the
 * signer claimed, and whether the signature verifies with that certificate's key. Whether the
 * certificate itself is to be trusted is for the caller to decide.
 */
public record SignedDocument(X509CertificateHolder signer, byte[] content, Optional<Instant> signingTime,
                             boolean signatureValid) {

    /**
     * Reads the SignedData; detached content, when given, is what the signature covers.
     *
     * @throws RefusedException (with the given problem) when the bytes are not such a SignedData
     */
    public static SignedDocument read(byte[] der, Optional<byte[]> detachedContent, Problem whenMalformed) {
        CMSSignedData signed;
        try {
            signed = detachedContent.isPresent()
                    ? new CMSSignedData(new CMSProcessableByteArray(detachedContent.get()), der)
                    : new CMSSignedData(der);
        } catch (CMSException | RuntimeException e) {
            throw new RefusedException(whenMalformed, "not a CMS SignedData: " + e.getMessage());
        }
        if (signed.getSignedContent() == null) {
            throw new RefusedException(whenMalformed, "the SignedData is detached and no content was given");
        }
        try {
            return read(signed, whenMalformed);
        } catch (RefusedException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            // Bouncy Castle reads signer infos, certificates and attributes only when asked, and reports a
            // structure of the wrong shape with a runtime exception.
            throw new RefusedException(whenMalformed, "the SignedData cannot be read: " + e.getMessage());
        }
    }

    private static SignedDocument read(CMSSignedData signed, Problem whenMalformed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new RefusedException(whenMalformed, "exactly one signer expected, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matching = signed.getCertificates().getMatches(signer.getSID());
        if (matching.isEmpty()) {
            throw new RefusedException(whenMalformed, "the SignedData does not carry the signer's certificate");
        }
        X509CertificateHolder certificate = matching.iterator().next();
        byte[] content = (byte[]) signed.getSignedContent().getContent();
        return new SignedDocument(certificate, content, signingTime(signer), verifies(signer, certificate));
    }

    private static boolean verifies(SignerInformation signer, X509CertificateHolder certificate) {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException
                 | RuntimeException e) {
            // A signature that cannot be checked (unknown algorithm, bad encoding) is not a valid one.
            return false;
        }
    }

    private static Optional<Instant> signingTime(SignerInformation signer) {
        if (signer.getSignedAttributes() == null) {
            return Optional.empty();
        }
        Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The DER of the signer's certificate. */
    public byte[] signerDer() {
        try {
            return signer.getEncoded();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
