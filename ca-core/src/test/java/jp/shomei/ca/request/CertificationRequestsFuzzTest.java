package jp.shomei.ca.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Whatever a municipal system sends as a certification request, in DER or as PEM text, it yields an
 * RSA key or is refused with one of the three CSR problems: no other exception escapes. Seeds:
 * requests made by openssl (RSA 2048, RSA 1024, exponent 3, EC P-256, Ed25519) in DER and PEM, a
 * tampered signature, cut-short and garbled copies.
 */
class CertificationRequestsFuzzTest {

    private static final Set<Problem> CSR_PROBLEMS = Set.of(Problem.INVALID_CSR, Problem.UNSUPPORTED_KEY,
            Problem.CSR_SIGNATURE_INVALID);

    @FuzzTest(maxDuration = "15s")
    void anyRequestYieldsAnRsaKeyOrAPreciseRefusal(byte[] request) {
        readOrRefused(() -> CertificationRequests.publicKeyFromDer(request));
        readOrRefused(() -> CertificationRequests.publicKeyFromPem(new String(request, StandardCharsets.UTF_8)));
    }

    private static void readOrRefused(Supplier<SubjectPublicKeyInfo> reading) {
        try {
            assertThat(reading.get().getAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.rsaEncryption);
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(CSR_PROBLEMS);
        }
    }
}
