package jp.shomei.ca.cms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Whatever bytes arrive as a signed consent document or a signature to verify, {@link SignedDocument}
 * reads them or refuses them with the problem its caller names: no other exception escapes. Read both
 * as encapsulating SignedData and with detached content (the text the detached seed signed). Seeds:
 * {@code openssl cms -sign} with RSA and EC signers, detached, without signed attributes, without
 * certificates, with two signers, a signed phone application, and truncations.
 */
class SignedDocumentFuzzTest {

    private static final byte[] DETACHED_CONTENT = "I agree to share my certificate status."
            .getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "15s")
    void anyBytesAreReadOrRefusedAsMalformed(byte[] signedData) {
        readOrRefused(signedData, Optional.empty());
        readOrRefused(signedData, Optional.of(DETACHED_CONTENT));
    }

    private static void readOrRefused(byte[] signedData, Optional<byte[]> detachedContent) {
        try {
            SignedDocument document = SignedDocument.read(signedData, detachedContent, Problem.INVALID_CONSENT_DOCUMENT);
            assertThat(document.signerDer()).isNotEmpty();
            assertThat(document.content()).isNotNull();
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isEqualTo(Problem.INVALID_CONSENT_DOCUMENT);
        }
    }
}
