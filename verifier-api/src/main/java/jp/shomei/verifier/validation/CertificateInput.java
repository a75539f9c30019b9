package jp.shomei.verifier.validation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/** Certificates as verifiers send them: PEM, or the DER in base64. */
public final class CertificateInput {

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";

    private CertificateInput() {
    }

    /** The certificate, or empty when the text is neither PEM nor base64 of a DER X.509 certificate. */
    public static Optional<X509Certificate> parse(String text) {
        String base64 = text.strip();
        if (base64.startsWith(PEM_BEGIN) && base64.endsWith(PEM_END)) {
            base64 = base64.substring(PEM_BEGIN.length(), base64.length() - PEM_END.length());
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return fromDer(der);
    }

    /** The certificate as the JDK reads it, or empty when the bytes are not a DER X.509 certificate it accepts. */
    public static Optional<X509Certificate> fromDer(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return Optional.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
