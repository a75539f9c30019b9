package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;
import jp.shomei.ca.verifier.Consent;

@MappedEntity("consent")
record ConsentRow(@Id String consentId, String residentCode, String verifierId, String purpose, Instant givenAt,
                  Instant expiresAt, @Nullable Instant withdrawnAt, String recordedBy) {

    static ConsentRow of(Consent consent) {
        return new ConsentRow(consent.id(), consent.residentCode(), consent.verifierId(), consent.purpose(),
                consent.givenAt(), consent.expiresAt(), consent.withdrawnAt().orElse(null), consent.recordedBy());
    }

    Consent toConsent() {
        return new Consent(consentId, residentCode, verifierId, purpose, givenAt, expiresAt,
                Optional.ofNullable(withdrawnAt), recordedBy);
    }
}
