package jp.shomei.ocsp.request;

/**
 * A request answered with an OCSP error status instead of certificate statuses. Carries no stack
 * trace: it is an expected outcome of hostile or broken input, not a fault.
 */
public final class OcspRefusal extends RuntimeException {

    private final int ocspStatus;

    /** @param ocspStatus one of {@link org.bouncycastle.cert.ocsp.OCSPResp}'s status constants */
    public OcspRefusal(int ocspStatus, String reason) {
        super(reason, null, false, false);
        this.ocspStatus = ocspStatus;
    }

    public int ocspStatus() {
        return ocspStatus;
    }
}
