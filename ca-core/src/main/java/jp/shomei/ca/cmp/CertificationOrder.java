package jp.shomei.ca.cmp;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import jp.shomei.ca.request.CertificationRequests;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.crmf.Controls;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * What an ir, cr, kur or p10cr asks for, read from its body and checked: the card's public key with
 * proof that the requester holds its private key, the resident (ir, cr, p10cr) and the certificate
 * to replace (kur).
 *
 * <p>The resident is named by the requested subject's serialNumber attribute, e.g.
 * {@code /serialNumber=12345678901}. Nothing else in the requested subject or extensions is used: the
 * certificate profile alone decides what the certificate says, as for PKCS#10 requests in the JSON API.
 */
record CertificationOrder(ASN1Integer certReqId, SubjectPublicKeyInfo publicKey, Optional<String> residentCode,
                          Optional<BigInteger> oldSerial) {

    /** RFC 9483 §4.1.4: a p10cr is answered with certReqId -1. */
    private static final ASN1Integer P10_REQUEST_ID = new ASN1Integer(-1);

    /** ir, cr and kur: one CRMF CertReqMsg with a signature proof of possession. */
    static CertificationOrder fromCrmf(PKIBody body) {
        CertReqMsg[] messages = CertReqMessages.getInstance(body.getContent()).toCertReqMsgArray();
        if (messages.length != 1) {
            throw CmpFailure.badRequest("exactly one certificate request per message is supported, got " + messages.length);
        }
        CertificateRequestMessage request = new CertificateRequestMessage(messages[0]);
        CertTemplate template = request.getCertTemplate();
        SubjectPublicKeyInfo publicKey = template.getPublicKey();
        if (publicKey == null) {
            throw CmpFailure.badCertTemplate("the certificate template has no public key; central key generation "
                    + "is not offered, the key is made on the card");
        }
        CertificationRequests.requireSupportedKey(publicKey);
        requireSigningKeyPop(request, publicKey);
        return new CertificationOrder(request.getCertReqId(), publicKey, residentIn(template.getSubject()),
                oldCertificate(request));
    }

    /** p10cr: a PKCS#10 request, whose own signature is the proof of possession. */
    static CertificationOrder fromPkcs10(PKIBody body) {
        CertificationRequest request = CertificationRequest.getInstance(body.getContent());
        byte[] der;
        try {
            der = request.getEncoded();
        } catch (IOException e) {
            throw CmpFailure.badDataFormat("the PKCS#10 request cannot be encoded: " + e.getMessage());
        }
        SubjectPublicKeyInfo publicKey = CertificationRequests.publicKeyFromDer(der);
        return new CertificationOrder(P10_REQUEST_ID, publicKey,
                residentIn(request.getCertificationRequestInfo().getSubject()), Optional.empty());
    }

    /** The resident code, or a refusal naming what is missing. */
    String requiredResidentCode() {
        return residentCode.orElseThrow(() -> CmpFailure.badCertTemplate("the requested subject must name the "
                + "resident by their code in one serialNumber attribute, e.g. /serialNumber=12345678901"));
    }

    BigInteger requiredOldSerial() {
        return oldSerial.orElseThrow(() -> CmpFailure.badRequest("a kur must name the certificate it replaces in "
                + "an oldCertID control"));
    }

    private static Optional<String> residentIn(X500Name subject) {
        if (subject == null) {
            return Optional.empty();
        }
        RDN[] serialNumbers = subject.getRDNs(BCStyle.SERIALNUMBER);
        return serialNumbers.length == 1
                ? Optional.of(IETFUtils.valueToString(serialNumbers[0].getFirst().getValue()))
                : Optional.empty();
    }

    private static Optional<BigInteger> oldCertificate(CertificateRequestMessage request) {
        // Bouncy Castle's getControl knows only archive options, reg tokens and authenticators.
        Controls controls = request.toASN1Structure().getCertReq().getControls();
        if (controls == null) {
            return Optional.empty();
        }
        return Arrays.stream(controls.toAttributeTypeAndValueArray())
                .filter(control -> CRMFObjectIdentifiers.id_regCtrl_oldCertID.equals(control.getType()))
                .findFirst()
                .map(control -> CertId.getInstance(control.getValue()).getSerialNumber().getValue());
    }

    private static void requireSigningKeyPop(CertificateRequestMessage request, SubjectPublicKeyInfo publicKey) {
        if (!request.hasProofOfPossession()) {
            throw CmpFailure.badPop("the request carries no proof of possession of the private key");
        }
        if (request.getProofOfPossessionType() != CertificateRequestMessage.popSigningKey) {
            throw CmpFailure.badPop("only a signature proof of possession is accepted (popo signature); "
                    + "RA-verified and encryption proofs are not");
        }
        if (request.hasSigningKeyProofOfPossessionWithPKMAC()) {
            throw CmpFailure.badPop("a proof of possession with a PKMAC sender is not accepted");
        }
        boolean valid;
        try {
            valid = request.isValidSigningKeyPOP(new JcaContentVerifierProviderBuilder().build(publicKey));
        } catch (CRMFException | OperatorCreationException | RuntimeException e) {
            throw CmpFailure.badPop("the proof of possession cannot be checked: " + e.getMessage());
        }
        if (!valid) {
            throw CmpFailure.badPop("the proof of possession does not verify with the requested public key");
        }
    }
}
