package jp.shomei.ca.linkage;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoreTransaction;

/**
 * Reads certificate linkage by serial: old-to-new chains across any number of renewals, re-issues and
 * phone replacements, and signing-to-authentication pairs. Who may see which link (DESIGN.md §3, "What
 * verifiers may receive") is for the caller to decide.
 */
public final class LinkageQuery {

    private final Store store;

    public LinkageQuery(Store store) {
        this.store = store;
    }

    /** The links of a certificate, or empty when no certificate has this serial. */
    public Optional<CertificateLinks> linksOf(BigInteger serial) {
        return store.read(tx -> linksOf(tx, serial));
    }

    /** The same, inside a transaction the caller already holds. */
    public static Optional<CertificateLinks> linksOf(StoreTransaction tx, BigInteger serial) {
        if (tx.certificate(serial).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CertificateLinks(serial, chain(tx, serial, false), chain(tx, serial, true),
                tx.pairingsOf(serial)));
    }

    /**
     * Follows successions from the serial, forwards or backwards. The store allows one successor and one
     * predecessor per certificate, so the walk is a line; the visited set only guards against a cycle
     * written by hand into the database.
     */
    private static List<Succession> chain(StoreTransaction tx, BigInteger serial, boolean forwards) {
        List<Succession> chain = new ArrayList<>();
        Set<BigInteger> visited = new HashSet<>();
        visited.add(serial);
        BigInteger current = serial;
        while (true) {
            Optional<Succession> next = forwards ? tx.successionFrom(current) : tx.successionTo(current);
            if (next.isEmpty()) {
                return chain;
            }
            current = forwards ? next.get().successor() : next.get().predecessor();
            if (!visited.add(current)) {
                throw new IllegalStateException("certificate succession loops at " + current.toString(16));
            }
            chain.add(next.get());
        }
    }
}
