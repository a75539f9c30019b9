package jp.shomei.ca.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import jp.shomei.ca.audit.AuditEntry;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Pem;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.lifecycle.CertificateHistory;

/** The JSON form of certificates and their history (docs/municipal-api.md). */
final class CertificateJson {

    private CertificateJson() {
    }

    static JsonObject of(CertificateRecord certificate, Instant now) {
        return summary(certificate)
                .put("residentCode", certificate.residentCode())
                .put("municipalityCode", certificate.municipalityCode())
                .put("subjectCommonName", certificate.subjectCommonName())
                .put("notBefore", certificate.notBefore().toString())
                .put("notAfter", certificate.notAfter().toString())
                .put("cardExpiresOn", certificate.cardExpiresOn().toString())
                .put("expired", certificate.isExpiredAt(now))
                .put("statusChangedAt", certificate.statusChangedAt().toString())
                .put("crlPartition", certificate.crlPartition())
                .put("deviceId", certificate.deviceId().orElse(null))
                .put("cardCertificate", certificate.cardSerial().map(Serials::toHex).orElse(null))
                .put("authenticationMode", certificate.authenticationMode().label())
                .put("predecessor", certificate.predecessorSerial().map(Serials::toHex).orElse(null))
                .put("successor", certificate.successorSerial().map(Serials::toHex).orElse(null))
                .put("certificate", pem(certificate.der()));
    }

    static JsonObject summary(CertificateRecord certificate) {
        return new JsonObject()
                .put("serial", certificate.serialHex())
                .put("ca", certificate.caKind().pathName())
                .put("device", certificate.device().label())
                .put("status", status(certificate.status()))
                .put("revocationReason", certificate.revocationReason().map(RevocationReason::rfcName).orElse(null));
    }

    static JsonArray summaries(List<CertificateRecord> certificates) {
        return new JsonArray(certificates.stream().map(CertificateJson::summary).toList());
    }

    static JsonObject of(CertificateHistory history, Instant now) {
        return new JsonObject()
                .put("certificate", of(history.certificate(), now))
                .put("statusChanges", new JsonArray(history.statusChanges().stream().map(CertificateJson::of).toList()))
                .put("audit", new JsonArray(history.audit().stream().map(CertificateJson::of).toList()));
    }

    private static JsonObject of(StatusChange change) {
        return new JsonObject()
                .put("sequence", change.sequence())
                .put("status", status(change.status()))
                .put("revocationReason", change.revocationReason().map(RevocationReason::rfcName).orElse(null))
                .put("effectiveAt", change.effectiveAt().toString())
                .put("authenticationMode", change.authenticationMode().label());
    }

    private static JsonObject of(AuditEntry entry) {
        return new JsonObject()
                .put("sequence", entry.sequence())
                .put("recordedAt", entry.recordedAt().toString())
                .put("actor", entry.actor())
                .put("action", entry.action())
                .put("detail", entry.detail());
    }

    static String status(jp.shomei.ca.certificate.CertificateStatus status) {
        return status.label();
    }

    static String pem(byte[] der) {
        return Pem.certificate(der);
    }
}
