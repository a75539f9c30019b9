package jp.shomei.crl.encoding;

/** What a finished CRL holds: its number of entries and its length in bytes. */
public record CrlSize(long entries, long bytes) {
}
