package jp.shomei.app.client;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resident record in the shape PUT /v1/residents/{code} takes. Empty substitution flags let the
 * service record that no character of the name or address was substituted.
 *
 * @param sex "male", "female" or "unknown", checked by the service
 */
public record ResidentRecord(String municipalityCode, String name, Optional<String> nameSubstitutions,
                             LocalDate dateOfBirth, String sex, String address, Optional<String> addressSubstitutions,
                             boolean adultWard) {

    /** The record as GET /v1/residents/{code} returns it, without the members a PUT does not take. */
    public static ResidentRecord fromJson(JsonObject resident) {
        return new ResidentRecord(resident.getString("municipalityCode"), resident.getString("name"),
                Optional.ofNullable(resident.getString("nameSubstitutions")),
                LocalDate.parse(resident.getString("dateOfBirth")), resident.getString("sex"),
                resident.getString("address"), Optional.ofNullable(resident.getString("addressSubstitutions")),
                resident.getBoolean("adultWard", false));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("municipalityCode", municipalityCode)
                .put("name", name)
                .put("dateOfBirth", dateOfBirth.toString())
                .put("sex", sex)
                .put("address", address)
                .put("adultWard", adultWard);
        nameSubstitutions.ifPresent(flags -> json.put("nameSubstitutions", flags));
        addressSubstitutions.ifPresent(flags -> json.put("addressSubstitutions", flags));
        return json;
    }
}
