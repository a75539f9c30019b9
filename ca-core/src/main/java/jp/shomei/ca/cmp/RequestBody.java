package jp.shomei.ca.cmp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import jp.shomei.ca.RefusedException;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.cmp.CertificateConfirmationContent;
import org.bouncycastle.cert.cmp.CertificateStatus;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * What a request's body asks for, read completely before anything acts on it.
 *
 * <p>Bouncy Castle reads ASN.1 lazily, while a structure is used, and reports a structure of the
 * wrong shape with whatever runtime exception the access meets (IllegalArgumentException,
 * ClassCastException, an index out of bounds, a null). Reading everything here, inside
 * {@link #reading}, turns every such exception into badDataFormat without having to tell the
 * exception apart from a fault of our own, which could only be guessed at; a runtime exception that
 * escapes later, once the request is read, is a system failure.
 */
sealed interface RequestBody {

    /** ir, cr, p10cr or kur. */
    record Certification(CertificationOrder order) implements RequestBody {
    }

    /** rr for one certificate; {@code reason} is the CRLReason code (unspecified when absent). */
    record Revocation(BigInteger serial, Optional<X500Name> issuer, int reason) implements RequestBody {
    }

    /** genm: the info types asked about. */
    record General(List<ASN1ObjectIdentifier> infoTypes) implements RequestBody {
    }

    /** certConf: the statuses of the certificates confirmed. */
    record Confirmation(List<CertificateStatus> statuses) implements RequestBody {
    }

    /** The body read, or a {@link CmpFailure} that says why it cannot be. */
    static RequestBody read(PKIBody body) {
        return reading("the message body", () -> switch (body.getType()) {
            case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_KEY_UPDATE_REQ ->
                    new Certification(CertificationOrder.fromCrmf(body));
            case PKIBody.TYPE_P10_CERT_REQ -> new Certification(CertificationOrder.fromPkcs10(body));
            case PKIBody.TYPE_REVOCATION_REQ -> revocation(body);
            case PKIBody.TYPE_GEN_MSG -> new General(Arrays.stream(
                    GenMsgContent.getInstance(body.getContent()).toInfoTypeAndValueArray())
                    .map(InfoTypeAndValue::getInfoType).toList());
            case PKIBody.TYPE_CERT_CONFIRM -> new Confirmation(List.of(new CertificateConfirmationContent(
                    CertConfirmContent.getInstance(body.getContent()), new DefaultDigestAlgorithmIdentifierFinder())
                    .getStatusMessages()));
            default -> throw CmpFailure.badRequest("message type " + body.getType() + " is not supported; "
                    + "Shomei answers ir, cr, p10cr, kur, rr, certConf and genm");
        });
    }

    /**
     * The value {@code reader} reads from a part of the request; any runtime exception other than a
     * refusal means that part is malformed (badDataFormat).
     */
    static <T> T reading(String part, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (CmpFailure | RefusedException refusal) {
            throw refusal;
        } catch (RuntimeException malformed) {
            // The JVM may omit the message of an implicit exception thrown often; the type still says what broke.
            String detail = malformed.getMessage() == null ? malformed.getClass().getSimpleName() : malformed.getMessage();
            throw CmpFailure.badDataFormat(part + " cannot be read: " + detail);
        }
    }

    private static Revocation revocation(PKIBody body) {
        RevDetails[] details = RevReqContent.getInstance(body.getContent()).toRevDetailsArray();
        if (details.length != 1) {
            throw CmpFailure.badRequest("exactly one certificate per revocation request is supported, got " + details.length);
        }
        CertTemplate template = details[0].getCertDetails();
        if (template.getSerialNumber() == null) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "the revocation request names no serialNumber");
        }
        return new Revocation(template.getSerialNumber().getValue(), Optional.ofNullable(template.getIssuer()),
                reasonCode(details[0].getCrlEntryDetails()));
    }

    private static int reasonCode(Extensions crlEntryDetails) {
        if (crlEntryDetails == null || crlEntryDetails.getExtension(Extension.reasonCode) == null) {
            return CRLReason.unspecified;
        }
        return reading("the reasonCode", () -> ASN1Enumerated.getInstance(
                crlEntryDetails.getExtension(Extension.reasonCode).getParsedValue()).intValueExact());
    }
}
