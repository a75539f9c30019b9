package jp.shomei.ocsp.response;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A successful, signed OCSP response with RFC 5019's caching headers worked out once, so a response
 * served a million times is formatted once.
 *
 * @param der          the encoded OCSPResponse
 * @param thisUpdate   when the status was asserted (and the response produced)
 * @param nextUpdate   when newer information will be available at the latest
 * @param etag         a strong entity tag: the SHA-1 of the response, quoted
 * @param lastModified thisUpdate as an HTTP date
 * @param expires      nextUpdate as an HTTP date
 */
public record SignedResponse(byte[] der, Instant thisUpdate, Instant nextUpdate, String etag, String lastModified,
                             String expires) {

    public static SignedResponse of(byte[] der, Instant thisUpdate, Instant nextUpdate) {
        return new SignedResponse(der, thisUpdate, nextUpdate, '"' + HexFormat.of().formatHex(sha1(der)) + '"',
                httpDate(thisUpdate), httpDate(nextUpdate));
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
