package jp.shomei.ca.certificate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468): base64 in lines of 64 characters between BEGIN and END lines of a type label. */
public final class Pem {

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    public static String certificate(byte[] der) {
        return encode("CERTIFICATE", der);
    }
}
