package jp.shomei.ca.api;

import io.vertx.core.json.JsonObject;
import jp.shomei.ca.verifier.Consent;

/** The JSON shape of a consent in the municipal API. */
final class ConsentJson {

    private ConsentJson() {
    }

    static JsonObject of(Consent consent) {
        return new JsonObject()
                .put("id", consent.id())
                .put("residentCode", consent.residentCode())
                .put("verifier", consent.verifierId())
                .put("purpose", consent.purpose())
                .put("givenAt", consent.givenAt().toString())
                .put("expiresAt", consent.expiresAt().toString())
                .put("withdrawnAt", consent.withdrawnAt().map(Object::toString).orElse(null))
                .put("recordedBy", consent.recordedBy());
    }
}
