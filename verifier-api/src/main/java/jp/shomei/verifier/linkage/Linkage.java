package jp.shomei.verifier.linkage;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.verifier.access.VisibleCertificates;

/**
 * What a verifier may learn about how certificates follow one another (DESIGN.md §3): old to new
 * within its class, and signing to authentication only when it is in both classes.
 */
public final class Linkage {

    private final Store store;
    private final Clock clock;

    public Linkage(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The certificate and, oldest first, each certificate that replaced the one before it. */
    public List<CertificateRecord> successorChain(Verifier verifier, BigInteger serial) {
        return store.read(tx -> {
            List<CertificateRecord> chain = new ArrayList<>();
            CertificateRecord current = VisibleCertificates.find(tx, verifier.verifierClass(), serial);
            chain.add(current);
            while (current.successorSerial().isPresent()) {
                Optional<CertificateRecord> next = tx.certificate(current.successorSerial().get())
                        .filter(record -> chain.stream().noneMatch(seen -> seen.serial().equals(record.serial())));
                if (next.isEmpty()) {
                    break;
                }
                current = next.get();
                chain.add(current);
            }
            return chain;
        });
    }

    /** The live authentication certificates of the holder of a signing certificate; both classes only. */
    public List<CertificateRecord> authenticationCertificates(Verifier verifier, BigInteger signingSerial) {
        if (verifier.verifierClass() != VerifierClass.BOTH) {
            throw new RefusedException(Problem.VERIFIER_CLASS_INSUFFICIENT,
                    "only a verifier in both classes may map signing certificates to authentication certificates");
        }
        return store.read(tx -> {
            CertificateRecord signing = signingCertificate(tx, verifier, signingSerial);
            return tx.certificatesOf(signing.residentCode()).stream()
                    .filter(record -> record.caKind() == CaKind.AUTHENTICATION && record.isLiveAt(clock.instant()))
                    .toList();
        });
    }

    private static CertificateRecord signingCertificate(StoreTransaction tx, Verifier verifier, BigInteger serial) {
        CertificateRecord record = VisibleCertificates.find(tx, verifier.verifierClass(), serial);
        if (record.caKind() != CaKind.SIGNING) {
            throw new RefusedException(Problem.INVALID_FIELD, "serial " + Serials.toHex(serial)
                    + " is an authentication certificate; the mapping starts from a signing certificate");
        }
        return record;
    }
}
