package jp.shomei.ca.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jp.shomei.ca.certificate.Serials;
import jp.shomei.ca.linkage.CertificateLinks;
import jp.shomei.ca.linkage.Pairing;
import jp.shomei.ca.linkage.Succession;

/** The JSON form of a certificate's links (docs/municipal-api.md). */
final class LinksJson {

    private LinksJson() {
    }

    static JsonObject of(CertificateLinks links) {
        return new JsonObject()
                .put("serial", Serials.toHex(links.serial()))
                .put("predecessors", new JsonArray(links.predecessors().stream().map(LinksJson::of).toList()))
                .put("successors", new JsonArray(links.successors().stream().map(LinksJson::of).toList()))
                .put("pairedCertificate", links.pairedCertificate().map(Serials::toHex).orElse(null))
                .put("pairings", new JsonArray(links.pairings().stream().map(LinksJson::of).toList()));
    }

    private static JsonObject of(Succession succession) {
        return new JsonObject()
                .put("predecessor", Serials.toHex(succession.predecessor()))
                .put("successor", Serials.toHex(succession.successor()))
                .put("kind", succession.kind().label())
                .put("linkedAt", succession.linkedAt().toString());
    }

    private static JsonObject of(Pairing pairing) {
        return new JsonObject()
                .put("signing", Serials.toHex(pairing.signing()))
                .put("authentication", Serials.toHex(pairing.authentication()))
                .put("linkedAt", pairing.linkedAt().toString());
    }
}
