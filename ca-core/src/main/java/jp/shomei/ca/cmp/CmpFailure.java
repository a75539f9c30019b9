package jp.shomei.ca.cmp;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * A CMP request Shomei refuses, with the PKIFailureInfo bit (RFC 4210 §5.2.3) that names the reason
 * and a text for the human reading the client's log. Thrown before anything is written.
 */
final class CmpFailure extends RuntimeException {

    private final int failInfo;

    CmpFailure(int failInfo, String text) {
        super(text);
        this.failInfo = failInfo;
    }

    static CmpFailure badRequest(String text) {
        return new CmpFailure(PKIFailureInfo.badRequest, text);
    }

    static CmpFailure badDataFormat(String text) {
        return new CmpFailure(PKIFailureInfo.badDataFormat, text);
    }

    static CmpFailure badMessageCheck(String text) {
        return new CmpFailure(PKIFailureInfo.badMessageCheck, text);
    }

    static CmpFailure badCertTemplate(String text) {
        return new CmpFailure(PKIFailureInfo.badCertTemplate, text);
    }

    static CmpFailure badPop(String text) {
        return new CmpFailure(PKIFailureInfo.badPOP, text);
    }

    /** One of the PKIFailureInfo constants, for example {@link PKIFailureInfo#badPOP}. */
    int failInfo() {
        return failInfo;
    }

    String text() {
        return getMessage();
    }
}
