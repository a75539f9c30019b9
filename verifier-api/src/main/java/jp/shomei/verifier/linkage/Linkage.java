package jp.shomei.verifier.linkage;

import java.math.BigInteger;
import java.util.List;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.linkage.CertificateLinks;
import jp.shomei.ca.linkage.LinkageQuery;
import jp.shomei.ca.linkage.Succession;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.verifier.access.VisibleCertificates;

/**
 * What a verifier may learn of ca-core's linkage (DESIGN.md §3): old to new within its class, and
 * signing to authentication only when it is in both classes.
 */
public final class Linkage {

    private final Store store;

    public Linkage(Store store) {
        this.store = store;
    }

    /** One step of a successor chain: the certificate that replaced the one before it, and why. */
    public record Step(Succession succession, CertificateRecord successor) {
    }

    /** A certificate and, nearest first, each certificate that replaced the one before it. */
    public record Chain(CertificateRecord certificate, List<Step> successors) {
    }

    public Chain successorChain(Verifier verifier, BigInteger serial) {
        return store.read(tx -> {
            CertificateRecord certificate = VisibleCertificates.find(tx, verifier.verifierClass(), serial);
            List<Step> steps = links(tx, serial).successors().stream()
                    .map(succession -> new Step(succession, tx.certificate(succession.successor()).orElseThrow()))
                    .filter(step -> verifier.verifierClass().sees(step.successor().caKind()))
                    .toList();
            return new Chain(certificate, steps);
        });
    }

    /** The authentication certificates paired with a signing certificate on the same card or phone; both classes only. */
    public List<CertificateRecord> authenticationCertificates(Verifier verifier, BigInteger signingSerial) {
        if (verifier.verifierClass() != VerifierClass.BOTH) {
            throw new RefusedException(Problem.VERIFIER_CLASS_INSUFFICIENT,
                    "only a verifier in both classes may map signing certificates to authentication certificates");
        }
        return store.read(tx -> {
            CertificateRecord signing = VisibleCertificates.find(tx, verifier.verifierClass(), signingSerial);
            if (signing.caKind() != CaKind.SIGNING) {
                throw new RefusedException(Problem.INVALID_FIELD, "serial " + Serials.toHex(signingSerial)
                        + " is an authentication certificate; the mapping starts from a signing certificate");
            }
            return links(tx, signingSerial).pairings().stream()
                    .map(pairing -> tx.certificate(pairing.other(signingSerial)).orElseThrow())
                    .toList();
        });
    }

    private static CertificateLinks links(StoreTransaction tx, BigInteger serial) {
        return LinkageQuery.linksOf(tx, serial).orElseThrow();
    }
}
