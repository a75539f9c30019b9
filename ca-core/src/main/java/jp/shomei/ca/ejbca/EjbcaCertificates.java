package jp.shomei.ca.ejbca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Locale;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.Serials;
import org.bouncycastle.cert.X509CertificateHolder;

/** Certificates and serial numbers in the forms EJBCA's responses use. */
final class EjbcaCertificates {

    private EjbcaCertificates() {
    }

    /** EJBCA writes serial numbers in uppercase hexadecimal without leading zeros. */
    static String serial(CertificateRecord certificate) {
        return certificate.serialHex().toUpperCase(Locale.ROOT);
    }

    /** A serial from a path: hexadecimal, optionally with EJBCA's "0x" prefix. */
    static BigInteger parseSerial(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return Serials.parseHex(digits);
        } catch (RuntimeException e) {
            throw new EjbcaError(400, "Invalid serial number format. Should be HEX encoded (optionally with '0x'"
                    + " prefix) e.g. '0x10782a83eef170d4'");
        }
    }

    static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
