package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import jp.shomei.ca.verifier.Verifier;
import jp.shomei.ca.verifier.VerifierClass;

@MappedEntity("verifier")
record VerifierRow(@Id String verifierId, VerifierClass verifierClass, String purpose, String certificateSha256,
                   int requestsPerSecond, Instant registeredAt) {

    static VerifierRow of(Verifier verifier) {
        return new VerifierRow(verifier.id(), verifier.verifierClass(), verifier.purpose(),
                verifier.certificateSha256(), verifier.requestsPerSecond(), verifier.registeredAt());
    }

    Verifier toVerifier() {
        return new Verifier(verifierId, verifierClass, purpose, certificateSha256, requestsPerSecond, registeredAt);
    }
}
