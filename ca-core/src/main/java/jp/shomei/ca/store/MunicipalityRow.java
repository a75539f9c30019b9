package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import jp.shomei.ca.resident.Municipality;

@MappedEntity("municipality")
record MunicipalityRow(@Id String code, String prefectureKanji, String nameKanji,
                       String prefectureRomaji, String nameRomaji) {

    Municipality toMunicipality() {
        return new Municipality(code, prefectureKanji, nameKanji, prefectureRomaji, nameRomaji);
    }
}
