package jp.shomei.crl.encoding;

import java.io.ByteArrayOutputStream;

/**
 * The identifier and length octets of a DER value whose contents are written separately. This is
 * the one piece of DER written by hand: Bouncy Castle encodes whole values in memory, and the
 * revokedCertificates of a large CRL must stream.
 */
final class DerHeader {

    static final int SEQUENCE = 0x30;
    static final int BIT_STRING = 0x03;

    private DerHeader() {
    }

    /** The tag followed by the DER (definite, minimal) length of {@code contentLength} bytes. */
    static byte[] of(int tag, long contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative DER length " + contentLength);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(10);
        header.write(tag);
        if (contentLength < 0x80) {
            header.write((int) contentLength);
        } else {
            int octets = (64 - Long.numberOfLeadingZeros(contentLength) + 7) / 8;
            header.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                header.write((int) (contentLength >>> shift) & 0xff);
            }
        }
        return header.toByteArray();
    }
}
