package jp.shomei.ca.store;

import java.time.Instant;
import jp.shomei.ca.authority.CaKind;

/**
 * A delegated OCSP signing certificate as the store keeps it: numbered within its CA generation, with
 * the label of its key in the key source.
 */
public record StoredOcspSigner(CaKind caKind, int caGeneration, int number, String keyLabel, byte[] der,
                               Instant notAfter, Instant createdAt) {
}
