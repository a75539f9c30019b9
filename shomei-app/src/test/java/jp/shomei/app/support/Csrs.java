package jp.shomei.app.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PKCS#10 requests in PEM, as a municipal system sends them: made by openssl, or in-process. */
public final class Csrs {

    private Csrs() {
    }

    /** {@code openssl req -new -newkey rsa:2048 -nodes}: a request from a key that openssl made. */
    public static String byOpenssl(Path work, String name) {
        OpenSsl.succeed(work, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key.pem",
                "-out", name + ".csr.pem", "-subj", "/CN=card");
        try {
            return Files.readString(work.resolve(name + ".csr.pem"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed request for a fresh RSA-2048 key, made in-process (faster than openssl for bulk use). */
    public static String rsa2048() {
        return pem(der(TestRequests.csr(TestRequests.rsa(2048))));
    }

    public static String rsa(int bits) {
        return pem(der(TestRequests.csr(TestRequests.rsa(bits))));
    }

    public static String ecP256() {
        return pem(der(TestRequests.csr(TestRequests.ecP256())));
    }

    /** The same request with one bit of its signature flipped (the signature BIT STRING ends the DER). */
    public static String withBrokenSignature(String pem) {
        byte[] der = decode(pem);
        der[der.length - 1] ^= 0x01;
        return pem(der);
    }

    public static byte[] decode(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            return object.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static byte[] der(org.bouncycastle.pkcs.PKCS10CertificationRequest request) {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
