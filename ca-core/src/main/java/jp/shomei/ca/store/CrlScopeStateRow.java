package jp.shomei.ca.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("crl_scope_state")
record CrlScopeStateRow(@Id String scope, long lastCrlNumber, @Nullable Long baseCrlNumber,
                        @Nullable Long baseSequence, @Nullable Instant baseThisUpdate) {
}
