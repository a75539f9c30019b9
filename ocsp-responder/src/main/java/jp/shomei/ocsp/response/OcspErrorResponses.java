package jp.shomei.ocsp.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;

/** The unsigned OCSP error responses Shomei sends (RFC 6960 §2.3), encoded once: they never change. */
public final class OcspErrorResponses {

    private static final byte[] MALFORMED_REQUEST = encode(OCSPResp.MALFORMED_REQUEST);
    private static final byte[] INTERNAL_ERROR = encode(OCSPResp.INTERNAL_ERROR);
    private static final byte[] UNAUTHORIZED = encode(OCSPResp.UNAUTHORIZED);

    private OcspErrorResponses() {
    }

    /** @param status malformedRequest, internalError or unauthorized */
    public static byte[] of(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> MALFORMED_REQUEST.clone();
            case OCSPResp.INTERNAL_ERROR -> INTERNAL_ERROR.clone();
            case OCSPResp.UNAUTHORIZED -> UNAUTHORIZED.clone();
            default -> throw new IllegalArgumentException("not an OCSP error status: " + status);
        };
    }

    private static byte[] encode(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot encode OCSP error status " + status, e));
        }
    }
}
