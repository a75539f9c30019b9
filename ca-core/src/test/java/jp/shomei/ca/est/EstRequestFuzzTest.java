package jp.shomei.ca.est;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Whatever body arrives at {@code /.well-known/est/…/simpleenroll}, {@link EstRequest#parse} yields a
 * resident, a key and an optional card expiry, or refuses it with a CSR problem or invalid-field: no
 * other exception escapes. Seeds: base64 requests made by {@code openssl req} (RSA with and without the
 * challengePassword expiry, one whose challengePassword is not a date, EC P-256), a cut-short one and text.
 */
class EstRequestFuzzTest {

    private static final Set<Problem> DOCUMENTED = Set.of(Problem.INVALID_CSR, Problem.UNSUPPORTED_KEY,
            Problem.CSR_SIGNATURE_INVALID, Problem.INVALID_FIELD);

    @FuzzTest(maxDuration = "15s")
    void anyBodyIsReadOrRefusedPrecisely(byte[] body) {
        try {
            EstRequest request = EstRequest.parse(Buffer.buffer(body));
            assertThat(request.residentCode()).hasSize(11);
            assertThat(request.cardExpiresOn()).isNotNull();
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(DOCUMENTED);
        }
    }
}
