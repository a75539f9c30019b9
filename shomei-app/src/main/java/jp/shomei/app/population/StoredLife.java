package jp.shomei.app.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.store.Store;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the store holds of a resident's life that an earlier run began: the certificates, found by
 * their key (every key of a life is drawn from the life's own seed, so a replayed event makes the
 * same key), and the time of the resident's newest audit entry, which tells whether an event that
 * leaves no certificate behind (a move, a death) was stored.
 */
final class StoredLife {

    private final Instant lastAudited;
    private final List<CertificateRecord> certificates;
    private final Map<ByteBuffer, CertificateRecord> byKey = new HashMap<>();

    private StoredLife(Instant lastAudited, List<CertificateRecord> certificates) {
        this.lastAudited = lastAudited;
        this.certificates = certificates;
        certificates.forEach(certificate -> byKey.put(keyOf(holder(certificate).getSubjectPublicKeyInfo()), certificate));
    }

    /** The stored part of the resident's life; empty if the resident was never registered. */
    static Optional<StoredLife> read(Store store, String residentCode) {
        return store.read(tx -> tx.resident(residentCode).map(resident -> new StoredLife(
                tx.auditOfResident(residentCode).stream().map(AuditEntry::recordedAt).max(Instant::compareTo)
                        .orElseThrow(), tx.certificatesOf(residentCode))));
    }

    Instant lastAudited() {
        return lastAudited;
    }

    Optional<CertificateRecord> certifying(SubjectPublicKeyInfo key) {
        return Optional.ofNullable(byKey.get(keyOf(key)));
    }

    /** How many certificates the move at this instant revoked (affiliationChanged). */
    int revokedAt(Instant at) {
        return (int) certificates.stream()
                .filter(c -> c.revocationReason().equals(Optional.of(RevocationReason.AFFILIATION_CHANGED))
                        && c.statusChangedAt().equals(at))
                .count();
    }

    static X509CertificateHolder holder(CertificateRecord certificate) {
        try {
            return new X509CertificateHolder(certificate.der());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer keyOf(SubjectPublicKeyInfo key) {
        try {
            return ByteBuffer.wrap(key.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
