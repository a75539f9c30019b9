package jp.shomei.ocsp.service;

import org.bouncycastle.cert.ocsp.OCSPResp;

/** RFC 6960's names for OCSPResponseStatus values, for metrics and logs. */
final class OcspStatusNames {

    private OcspStatusNames() {
    }

    static String of(int status) {
        return switch (status) {
            case OCSPResp.SUCCESSFUL -> "successful";
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status" + status;
        };
    }
}
