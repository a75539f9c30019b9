package jp.shomei.ocsp.status;

import java.util.function.Consumer;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.store.Store;
import jp.shomei.ocsp.issuer.ServedIssuers;
import jp.shomei.ocsp.presigned.PresignedResponses;

/**
 * Applies each status change from the feed to the status book, then has the certificate's pre-signed
 * responses re-signed. A change names the CA kind but not its generation; for a certificate the book
 * does not know yet (an issuance), the generation is read from the store once.
 */
public final class StatusChangeApplier implements Consumer<StatusChange> {

    private final Store store;
    private final StatusBook book;
    private final ServedIssuers issuers;
    private final PresignedResponses presigned;

    public StatusChangeApplier(Store store, StatusBook book, ServedIssuers issuers, PresignedResponses presigned) {
        this.store = store;
        this.book = book;
        this.issuers = issuers;
        this.presigned = presigned;
    }

    @Override
    public void accept(StatusChange change) {
        int generation = book.generationOf(change.caKind(), change.serial()).orElseGet(() ->
                store.read(tx -> tx.certificate(change.serial())).map(CertificateRecord::caGeneration).orElseThrow(() ->
                        new IllegalStateException("status change " + change.sequence() + " names serial "
                                + change.serial().toString(16) + ", which is not in the certificate table")));
        book.record(change.caKind(), generation, change.serial(),
                new CertState(change.status(), change.revocationReason(), change.effectiveAt(),
                        change.authenticationMode()));
        issuers.find(change.caKind(), generation).ifPresent(issuer -> presigned.statusChanged(issuer, change.serial()));
    }
}
