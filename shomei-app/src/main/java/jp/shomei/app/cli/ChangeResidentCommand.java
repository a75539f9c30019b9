package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.app.client.ResidentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "change", mixinStandardHelpOptions = true,
        description = {"Reports a change in the resident register: reads the resident's record, applies the given "
                + "fields and writes it back.",
                "A change of name, date of birth, sex or address revokes the signing certificate (affiliationChanged); "
                        + "becoming an adult ward revokes it too (privilegeWithdrawn). Authentication certificates "
                        + "are not affected. Revoked certificates are listed on stderr."})
final class ChangeResidentCommand extends MunicipalRequestCommand {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "Resident code (11 digits).")
    String residentCode;

    @Option(names = "--name", paramLabel = "NAME", description = "New name: surname, a full-width space and given name.")
    String name;

    @Option(names = "--name-substitutions", paramLabel = "FLAGS",
            description = "Substitution flags for the name (default with --name: all 0).")
    String nameSubstitutions;

    @Option(names = "--dob", paramLabel = "YYYY-MM-DD", description = "Corrected date of birth.")
    LocalDate dateOfBirth;

    @Option(names = "--sex", paramLabel = "male|female|unknown", description = "New sex.")
    String sex;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "New address, starting with the prefecture.")
    String address;

    @Option(names = "--address-substitutions", paramLabel = "FLAGS",
            description = "Substitution flags for the address (default with --address: all 0).")
    String addressSubstitutions;

    @Option(names = "--adult-ward", arity = "1", paramLabel = "true|false",
            description = "Whether the resident is an adult ward.")
    Boolean adultWard;

    @Option(names = "--move-to", paramLabel = "CODE",
            description = "Records a move out to this municipality; from then on only it may act on the resident.")
    String moveTo;

    @Override
    JsonObject request(MunicipalClient municipal) {
        if (name == null && nameSubstitutions == null && dateOfBirth == null && sex == null && address == null
                && addressSubstitutions == null && adultWard == null && moveTo == null) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give at least one of --name, "
                    + "--name-substitutions, --dob, --sex, --address, --address-substitutions, --adult-ward, --move-to");
        }
        ResidentRecord current = ResidentRecord.fromJson(municipal.resident(residentCode));
        ResidentRecord changed = new ResidentRecord(
                Objects.requireNonNullElse(moveTo, current.municipalityCode()),
                Objects.requireNonNullElse(name, current.name()),
                flags(nameSubstitutions, name, current.nameSubstitutions()),
                Objects.requireNonNullElse(dateOfBirth, current.dateOfBirth()),
                Objects.requireNonNullElse(sex, current.sex()),
                Objects.requireNonNullElse(address, current.address()),
                flags(addressSubstitutions, address, current.addressSubstitutions()),
                Objects.requireNonNullElse(adultWard, current.adultWard()));
        JsonObject update = municipal.putResident(residentCode, changed);
        if (update.getJsonArray("changedFields").isEmpty()) {
            note("nothing changed: the register already holds these values");
        }
        noteRevoked(update.getJsonArray("revokedCertificates"));
        return update;
    }

    /** Flags given win; a new text without flags has none substituted; otherwise the current flags stay. */
    private static Optional<String> flags(String givenFlags, String givenText, Optional<String> currentFlags) {
        if (givenFlags != null) {
            return Optional.of(givenFlags);
        }
        return givenText != null ? Optional.empty() : currentFlags;
    }
}
