package jp.shomei.verifier.access;

import java.math.BigInteger;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.store.StoreTransaction;
import jp.shomei.ca.verifier.VerifierClass;

/**
 * The one rule of what a verifier may look up by serial: certificates of its own class. A certificate
 * of the other class is answered exactly as a serial nobody issued, same status, code and detail, so
 * that a verifier cannot even learn that it exists.
 */
public final class VisibleCertificates {

    private VisibleCertificates() {
    }

    public static CertificateRecord find(StoreTransaction tx, VerifierClass verifierClass, BigInteger serial) {
        return tx.certificate(serial).filter(record -> verifierClass.sees(record.caKind()))
                .orElseThrow(() -> new RefusedException(Problem.CERTIFICATE_NOT_FOUND,
                        "no certificate with serial " + Serials.toHex(serial)));
    }
}
