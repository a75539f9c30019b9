package jp.shomei.ca.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.Problem;
import jp.shomei.ca.lifecycle.ResidentRegister;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;

/** The JSON form of a resident record (docs/municipal-api.md). */
final class ResidentJson {

    private static final Set<String> MEMBERS = Set.of("municipalityCode", "name", "nameSubstitutions", "dateOfBirth",
            "sex", "address", "addressSubstitutions", "adultWard");

    private ResidentJson() {
    }

    static Resident parse(String residentCode, Buffer body) {
        if (!residentCode.matches("[0-9]{11}")) {
            throw new RefusedException(Problem.INVALID_FIELD, "resident code must be 11 digits, got '"
                    + JsonFields.abbreviate(residentCode) + "'");
        }
        JsonFields fields = JsonFields.parse(body, MEMBERS);
        String municipality = fields.requiredString("municipalityCode");
        if (!jp.shomei.ca.resident.Municipality.isValidCode(municipality)) {
            throw JsonFields.invalid("municipalityCode", "must be a six-digit local government code with its check digit");
        }
        BasicFour basicFour = new BasicFour(
                flagged(fields, "name", "nameSubstitutions"),
                fields.requiredDate("dateOfBirth"),
                sex(fields.requiredString("sex")),
                flagged(fields, "address", "addressSubstitutions"));
        return new Resident(residentCode, municipality, basicFour, fields.optionalBoolean("adultWard", false),
                Optional.empty());
    }

    static JsonObject of(Resident resident) {
        BasicFour four = resident.basicFour();
        return new JsonObject()
                .put("residentCode", resident.residentCode())
                .put("municipalityCode", resident.municipalityCode())
                .put("name", four.name().text())
                .put("nameSubstitutions", four.name().substitutionFlags())
                .put("dateOfBirth", four.dateOfBirth().toString())
                .put("sex", four.sex().name().toLowerCase(Locale.ROOT))
                .put("address", four.address().text())
                .put("addressSubstitutions", four.address().substitutionFlags())
                .put("adultWard", resident.adultWard())
                .put("deceasedOn", resident.deceasedOn().map(Object::toString).orElse(null));
    }

    static JsonObject of(ResidentRegister.RegisterUpdate update) {
        return new JsonObject()
                .put("resident", of(update.resident()))
                .put("created", update.created())
                .put("changedFields", new JsonArray(update.changedFields()))
                .put("revokedCertificates", CertificateJson.summaries(update.revoked()));
    }

    private static FlaggedText flagged(JsonFields fields, String textMember, String flagsMember) {
        String text = fields.requiredString(textMember);
        Optional<String> flags = fields.optionalString(flagsMember);
        try {
            return flags.map(f -> new FlaggedText(text, f)).orElseGet(() -> FlaggedText.unsubstituted(text));
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid(flagsMember, e.getMessage());
        }
    }

    private static Sex sex(String text) {
        try {
            return Sex.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("sex", "must be one of male, female, unknown");
        }
    }
}
