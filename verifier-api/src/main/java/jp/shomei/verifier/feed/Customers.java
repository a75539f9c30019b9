package jp.shomei.verifier.feed;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.verifier.access.VisibleCertificates;

/**
 * The certificates a verifier follows as its customers, and the feed of their status changes. The
 * feed's cursor is the status-change sequence: a verifier passes back the last one it received.
 */
public final class Customers {

    public static final int MAX_PAGE = 1000;

    private final Store store;
    private final Clock clock;

    public Customers(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Registers a certificate of the verifier's class as its customer; true when it was not registered before. */
    public boolean register(Verifier verifier, BigInteger serial) {
        return store.write(tx -> {
            VisibleCertificates.find(tx, verifier.verifierClass(), serial);
            if (tx.isCustomer(verifier.id(), serial)) {
                return false;
            }
            tx.insertCustomer(verifier.id(), serial, clock.instant());
            return true;
        });
    }

    public void unregister(Verifier verifier, BigInteger serial) {
        store.write(tx -> {
            requireCustomer(verifier, serial, tx.isCustomer(verifier.id(), serial));
            tx.deleteCustomer(verifier.id(), serial);
            return null;
        });
    }

    /** A registered customer's certificate as the store has it now. */
    public CertificateRecord customer(Verifier verifier, BigInteger serial) {
        return store.read(tx -> {
            requireCustomer(verifier, serial, tx.isCustomer(verifier.id(), serial));
            return VisibleCertificates.find(tx, verifier.verifierClass(), serial);
        });
    }

    /** Changes after the cursor, oldest first, at most limit of them (a page the API has checked, ≤ {@link #MAX_PAGE}). */
    public List<StatusChange> changesAfter(Verifier verifier, long cursor, int limit) {
        return store.read(tx -> tx.customerStatusChangesAfter(verifier, cursor, limit));
    }

    private static void requireCustomer(Verifier verifier, BigInteger serial, boolean registered) {
        if (!registered) {
            throw new RefusedException(Problem.CUSTOMER_NOT_REGISTERED, "serial " + Serials.toHex(serial)
                    + " is not registered as a customer of verifier " + verifier.id());
        }
    }
}
