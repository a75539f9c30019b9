package jp.shomei.verifier.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.cms.SignedDocument;
import jp.shomei.ca.verifier.VerifierClass;

/**
 * Verifies a CMS SignedData made with a signing certificate: the signature with the certificate's
 * key, and the certificate's path and status at the signing time the signer claimed (now, when the
 * signature carries no signing time).
 */
public final class SignatureVerifier {

    private final CertificateValidator validator;

    public SignatureVerifier(CertificateValidator validator) {
        this.validator = validator;
    }

    /** The outcome: the document, the signer's validation at signing time, and every reason it fails. */
    public record SignatureCheck(SignedDocument document, Validation signer, List<Reason> reasons) {
        public boolean valid() {
            return reasons.isEmpty();
        }
    }

    /** Blocking: reads the store. Bytes that are not a one-signer SignedData are refused as an invalid field. */
    public SignatureCheck verify(VerifierClass verifierClass, byte[] signedData, Optional<byte[]> detachedContent) {
        SignedDocument document = SignedDocument.read(signedData, detachedContent, Problem.INVALID_FIELD);
        X509Certificate certificate = signer(document);
        Validation signer = validator.validate(verifierClass, List.of(certificate), document.signingTime());
        List<Reason> reasons = new ArrayList<>();
        if (!document.signatureValid()) {
            reasons.add(new Reason("signature-invalid", "the signature does not verify with the signer's certificate"));
        }
        if (signer.kind().isPresent() && signer.kind().get() != CaKind.SIGNING) {
            reasons.add(new Reason("not-a-signing-certificate", "documents are signed with signing certificates only"));
        }
        signer.reasons().stream().map(reason -> new Reason(reason.code(), "signer: " + reason.detail()))
                .forEach(reasons::add);
        return new SignatureCheck(document, signer, reasons);
    }

    /**
     * The signer's certificate as the JDK reads it for path validation. Bouncy Castle, which read the
     * SignedData, leaves a certificate's extensions unparsed, so a certificate it carries may still be
     * one the JDK refuses: that is the sender's malformed certificate, not a fault of the store.
     */
    public static X509Certificate signer(SignedDocument document) {
        return CertificateInput.fromDer(document.signerDer()).orElseThrow(() -> new RefusedException(
                Problem.INVALID_FIELD, "the signer's certificate in 'signedData' is not a well-formed X.509 certificate"));
    }
}
