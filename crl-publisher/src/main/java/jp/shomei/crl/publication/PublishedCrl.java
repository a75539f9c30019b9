package jp.shomei.crl.publication;

import java.nio.file.Path;
import java.time.Instant;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.crl.encoding.CrlSize;

/**
 * A CRL on disk, as served. The file is one kept generation and never changes once published, so a
 * reader that opened it keeps reading the same bytes even while a newer generation replaces it.
 */
public record PublishedCrl(CaKind kind, String scopeId, CrlVariant variant, long crlNumber, Instant thisUpdate,
                           Instant nextUpdate, Path file, CrlSize size) {

    /** CRL numbers never repeat within a scope, so the number identifies the bytes. */
    public String etag() {
        return "\"" + kind.pathName() + "-" + variant.fileName(scopeId) + "-" + crlNumber + "\"";
    }

    public String fileName() {
        return variant.fileName(scopeId);
    }
}
