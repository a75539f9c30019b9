package jp.shomei.ca.lifecycle;

import java.util.List;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.events.StatusChange;

/** A certificate as it stands now, every status change it went through, and its audit trail. */
public record CertificateHistory(CertificateRecord certificate, List<StatusChange> statusChanges,
                                 List<AuditEntry> audit) {
}
