package jp.shomei.app.cli;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Optional;
import jp.shomei.app.client.MunicipalClient;
import jp.shomei.app.client.ResidentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Registers a resident with their basic four information (PUT /v1/residents/{code}).",
                "If the resident is already registered, the record is replaced, as a change would."})
final class RegisterResidentCommand extends MunicipalRequestCommand {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "Resident code (11 digits).")
    String residentCode;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Surname, a full-width space (U+3000) and given name, e.g. \"山田　太郎\".")
    String name;

    @Option(names = "--name-substitutions", paramLabel = "FLAGS",
            description = "One 0 or 1 per name character, 1 where a substitute character was written (default: all 0).")
    String nameSubstitutions;

    @Option(names = "--dob", required = true, paramLabel = "YYYY-MM-DD", description = "Date of birth.")
    LocalDate dateOfBirth;

    @Option(names = "--sex", required = true, paramLabel = "male|female|unknown", description = "Sex as registered.")
    String sex;

    @Option(names = "--address", required = true, paramLabel = "ADDRESS",
            description = "Address starting with the prefecture, e.g. \"東京都千代田区千代田１－１\".")
    String address;

    @Option(names = "--address-substitutions", paramLabel = "FLAGS",
            description = "One 0 or 1 per address character, 1 where a substitute character was written (default: all 0).")
    String addressSubstitutions;

    @Option(names = "--adult-ward", description = "The resident is an adult ward (no signing certificate may be issued).")
    boolean adultWard;

    @Option(names = "--municipality", paramLabel = "CODE",
            description = "Municipality the resident is registered to (default: the --as municipality).")
    String municipalityCode;

    @Override
    JsonObject request(MunicipalClient municipal) {
        ResidentRecord resident = new ResidentRecord(
                municipalityCode == null ? client.municipalityCode : municipalityCode,
                name, Optional.ofNullable(nameSubstitutions), dateOfBirth, sex,
                address, Optional.ofNullable(addressSubstitutions), adultWard);
        JsonObject update = municipal.putResident(residentCode, resident);
        if (!update.getBoolean("created")) {
            note("resident " + residentCode + " was already registered; recorded as a change of "
                    + update.getJsonArray("changedFields").encode());
        }
        noteRevoked(update.getJsonArray("revokedCertificates"));
        return update;
    }
}
