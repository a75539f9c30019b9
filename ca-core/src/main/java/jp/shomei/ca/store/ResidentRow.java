package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import jp.shomei.ca.resident.BasicFour;
import jp.shomei.ca.resident.FlaggedText;
import jp.shomei.ca.resident.Resident;
import jp.shomei.ca.resident.Sex;

@MappedEntity("resident")
record ResidentRow(@Id String residentCode, String municipalityCode, String name, String nameFlags,
                   LocalDate dateOfBirth, Sex sex, String address, String addressFlags, boolean adultWard,
                   @Nullable LocalDate deceasedOn, Instant updatedAt) {

    static ResidentRow of(Resident resident, Instant updatedAt) {
        BasicFour four = resident.basicFour();
        return new ResidentRow(resident.residentCode(), resident.municipalityCode(),
                four.name().text(), four.name().substitutionFlags(), four.dateOfBirth(), four.sex(),
                four.address().text(), four.address().substitutionFlags(), resident.adultWard(),
                resident.deceasedOn().orElse(null), updatedAt);
    }

    Resident toResident() {
        BasicFour four = new BasicFour(new FlaggedText(name, nameFlags), dateOfBirth, sex,
                new FlaggedText(address, addressFlags));
        return new Resident(residentCode, municipalityCode, four, adultWard, java.util.Optional.ofNullable(deceasedOn));
    }
}
