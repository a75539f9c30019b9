package jp.shomei.ca.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.authority.OpenSsl;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests made by the real openssl, as a municipal system or a card's middleware would make them. */
class CertificationRequestsTest {

    @TempDir
    static Path directory;

    @BeforeAll
    static void makeRequestsWithOpenssl() {
        request("rsa2048", "-newkey", "rsa:2048");
        request("rsa1024", "-newkey", "rsa:1024");
        request("rsa2048-exponent3", "-newkey", "rsa:2048", "-pkeyopt", "rsa_keygen_pubexp:3");
        request("ec-p256", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        OpenSsl.succeed(directory, "req", "-in", "rsa2048.csr", "-outform", "DER", "-out", "rsa2048.der");
        OpenSsl.succeed(directory, "pkey", "-in", "rsa2048.key", "-pubout", "-outform", "DER", "-out", "rsa2048.pub.der");
    }

    @Test
    void aPemRequestForAnRsa2048KeyYieldsExactlyThatPublicKey() throws IOException {
        SubjectPublicKeyInfo publicKey = CertificationRequests.publicKeyFromPem(pem("rsa2048"));

        assertThat(publicKey.getEncoded()).isEqualTo(bytes("rsa2048.pub.der"));
    }

    @Test
    void theSameRequestInDerYieldsTheSameKey() throws IOException {
        SubjectPublicKeyInfo publicKey = CertificationRequests.publicKeyFromDer(bytes("rsa2048.der"));

        assertThat(publicKey.getEncoded()).isEqualTo(bytes("rsa2048.pub.der"));
    }

    @Test
    void aRequestWhoseSignatureWasTamperedWithIsRefused() throws IOException {
        byte[] der = bytes("rsa2048.der");
        der[der.length - 1] ^= 0x01; // the signature is the last field of the request

        assertRefused(() -> CertificationRequests.publicKeyFromDer(der), Problem.CSR_SIGNATURE_INVALID,
                "signature does not verify with the request's own public key, so it does not prove possession of the private key");
    }

    @Test
    void anEcKeyIsRefusedNamingTheCurve() {
        assertRefused(() -> CertificationRequests.publicKeyFromPem(pem("ec-p256")), Problem.UNSUPPORTED_KEY,
                "EC P-256 key; only RSA 2048-bit keys are accepted");
    }

    @Test
    void anRsaKeyOfAnotherSizeIsRefusedNamingTheSize() {
        assertRefused(() -> CertificationRequests.publicKeyFromPem(pem("rsa1024")), Problem.UNSUPPORTED_KEY,
                "RSA 1024-bit key; only RSA 2048-bit keys are accepted");
    }

    @Test
    void anRsaKeyWithASmallPublicExponentIsRefused() {
        assertRefused(() -> CertificationRequests.publicKeyFromPem(pem("rsa2048-exponent3")), Problem.UNSUPPORTED_KEY,
                "RSA 2048-bit key with public exponent 3; the public exponent must be odd and at least 65537");
    }

    @Test
    void garbageIsNotARequest() {
        byte[] garbage = "this is not a certification request".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> CertificationRequests.publicKeyFromDer(garbage))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_CSR))
                .hasMessageStartingWith("not a DER-encoded PKCS#10 certification request");
    }

    @Test
    void aTruncatedRequestIsNotARequest() throws IOException {
        byte[] der = bytes("rsa2048.der");

        assertThatThrownBy(() -> CertificationRequests.publicKeyFromDer(Arrays.copyOf(der, der.length / 2)))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_CSR));
    }

    @Test
    void pemMustHoldACertificateRequest() {
        String certificate = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";

        assertRefused(() -> CertificationRequests.publicKeyFromPem(certificate), Problem.INVALID_CSR,
                "PEM block is a CERTIFICATE, expected a CERTIFICATE REQUEST");
        assertRefused(() -> CertificationRequests.publicKeyFromPem("MIIC..."), Problem.INVALID_CSR,
                "no PEM block found; expected -----BEGIN CERTIFICATE REQUEST-----");
    }

    private static void assertRefused(ThrowingCallable call, Problem problem, String detail) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessage(detail);
    }

    private static void request(String name, String... keyOptions) {
        List<String> args = new ArrayList<>(List.of("req", "-new", "-nodes", "-subj", "/CN=x",
                "-keyout", name + ".key", "-out", name + ".csr"));
        args.addAll(List.of(keyOptions));
        OpenSsl.succeed(directory, args.toArray(String[]::new));
    }

    private static String pem(String name) {
        try {
            return Files.readString(directory.resolve(name + ".csr"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(directory.resolve(file));
    }
}
