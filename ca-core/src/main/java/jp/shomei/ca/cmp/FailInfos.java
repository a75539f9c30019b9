package jp.shomei.ca.cmp;

import jp.shomei.ca.Problem;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * The PKIFailureInfo a CMP client receives for each reason the lifecycle refuses a request, so that
 * CMP clients see the same rules as the JSON API, each under the failInfo RFC 4210 and RFC 9483 give it.
 */
final class FailInfos {

    private FailInfos() {
    }

    static int of(Problem problem) {
        return switch (problem) {
            case MALFORMED_REQUEST, INVALID_FIELD -> PKIFailureInfo.badRequest;
            case INVALID_CSR -> PKIFailureInfo.badDataFormat;
            // A PKCS#10 request whose signature does not verify proves no possession of the key.
            case CSR_SIGNATURE_INVALID -> PKIFailureInfo.badPOP;
            case UNSUPPORTED_KEY -> PKIFailureInfo.badCertTemplate;
            case RESIDENT_NOT_FOUND -> PKIFailureInfo.badCertTemplate;
            case CERTIFICATE_NOT_FOUND -> PKIFailureInfo.badCertId;
            case KEY_ALREADY_CERTIFIED -> PKIFailureInfo.duplicateCertReq;
            case UNAUTHENTICATED, FOREIGN_MUNICIPALITY, ROLE_NOT_PERMITTED, RESIDENT_DECEASED, ILLEGAL_TRANSITION, CERTIFICATE_EXPIRED,
                    RENEWAL_TOO_EARLY, ACTIVE_CERTIFICATE_EXISTS, NOT_ELIGIBLE_UNDER_15, NOT_ELIGIBLE_ADULT_WARD,
                    CARD_EXPIRED -> PKIFailureInfo.notAuthorized;
            case SIGNING_UNAVAILABLE, STORE_UNAVAILABLE -> PKIFailureInfo.systemUnavail;
            case NOT_FOUND, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE -> PKIFailureInfo.badRequest;
            // Problems added after this mapping was written reach CMP clients as a plain bad request.
            default -> PKIFailureInfo.badRequest;
        };
    }
}
