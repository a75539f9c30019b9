package jp.shomei.verifier.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.AuthenticationMode;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.verifier.disclosure.BasicFourDisclosure;
import jp.shomei.verifier.validation.Reason;
import jp.shomei.verifier.validation.SignatureVerifier;
import jp.shomei.verifier.validation.Validation;

/** The JSON shapes of the verifier API (docs/verifier-api.yaml). */
final class VerifierJson {

    private VerifierJson() {
    }

    static JsonObject of(Validation validation) {
        JsonObject json = new JsonObject()
                .put("valid", validation.valid())
                .put("serial", validation.serial().map(Serials::toHex).orElse(null))
                .put("checkedAt", validation.checkedAt().toString())
                .put("reasons", reasons(validation.reasons()));
        validation.kind().ifPresent(kind -> json.put("kind", kind.pathName()));
        validation.status().ifPresent(status -> json
                .put("status", status.label())
                .put("revocationReason", status.revocationReason().map(RevocationReason::rfcName).orElse(null))
                .put("statusSince", status.since().map(Object::toString).orElse(null)));
        validation.record().ifPresent(record -> json
                .put("device", record.device().label())
                .put("notAfter", record.notAfter().toString()));
        validation.status().filter(status -> validation.kind().orElseThrow() == CaKind.AUTHENTICATION)
                .ifPresent(status -> json.put("faceAuthenticationOnly", status.authenticationMode() == AuthenticationMode.FACE));
        return json;
    }

    static JsonObject of(SignatureVerifier.SignatureCheck check) {
        return new JsonObject()
                .put("valid", check.valid())
                .put("signatureValid", check.document().signatureValid())
                .put("signingTime", check.document().signingTime().map(Object::toString).orElse(null))
                .put("signer", of(check.signer()))
                .put("reasons", reasons(check.reasons()));
    }

    static JsonObject summary(CertificateRecord record) {
        return new JsonObject()
                .put("serial", record.serialHex())
                .put("kind", record.caKind().pathName())
                .put("device", record.device().label())
                .put("status", record.status().label())
                .put("revocationReason", record.revocationReason().map(RevocationReason::rfcName).orElse(null))
                .put("statusChangedAt", record.statusChangedAt().toString())
                .put("notAfter", record.notAfter().toString());
    }

    static JsonArray summaries(List<CertificateRecord> records) {
        return new JsonArray(records.stream().map(VerifierJson::summary).toList());
    }

    static JsonObject of(StatusChange change) {
        return new JsonObject()
                .put("sequence", change.sequence())
                .put("serial", Serials.toHex(change.serial()))
                .put("kind", change.caKind().pathName())
                .put("status", change.status().label())
                .put("revocationReason", change.revocationReason().map(RevocationReason::rfcName).orElse(null))
                .put("effectiveAt", change.effectiveAt().toString());
    }

    static JsonObject of(BasicFourDisclosure.Disclosure disclosure) {
        var basicFour = disclosure.resident().basicFour();
        return new JsonObject()
                .put("serial", disclosure.certificate().serialHex())
                .put("certificateStatus", disclosure.certificate().status().label())
                .put("name", basicFour.name().text())
                .put("dateOfBirth", basicFour.dateOfBirth().toString())
                .put("sex", basicFour.sex().name().toLowerCase(java.util.Locale.ROOT))
                .put("address", disclosure.addressWithheld() ? null : basicFour.address().text())
                .put("addressWithheld", disclosure.addressWithheld())
                .put("purpose", disclosure.consent().purpose())
                .put("consentExpiresAt", disclosure.consent().expiresAt().toString());
    }

    private static JsonArray reasons(List<Reason> reasons) {
        return new JsonArray(reasons.stream()
                .map(reason -> new JsonObject().put("code", reason.code()).put("detail", reason.detail())).toList());
    }
}
