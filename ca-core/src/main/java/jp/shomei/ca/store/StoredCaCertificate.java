package jp.shomei.ca.store;

import java.time.Instant;
import jp.shomei.ca.authority.CaKind;

/** A CA generation as the store keeps it: its certificate and the label of its key in the key source. */
public record StoredCaCertificate(CaKind kind, int generation, String keyLabel, byte[] der, Instant createdAt) {
}
