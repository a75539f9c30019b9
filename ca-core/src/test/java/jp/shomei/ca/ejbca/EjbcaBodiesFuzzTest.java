package jp.shomei.ca.ejbca;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Whatever arrives as the body of an EJBCA REST call that takes one (pkcs10enroll, search), it is read
 * or refused with a client error: EJBCA's 400, or Shomei's malformed-request, invalid-field or CSR
 * problems. Nothing else escapes the readers, which run before anything is looked up or changed.
 * Seeds: the bodies of docs/ejbca-rest.md with an openssl CSR, wrong types, unknown members and
 * criteria, broken and deeply nested JSON.
 */
class EjbcaBodiesFuzzTest {

    private static final Set<Problem> BODY_PROBLEMS = Set.of(Problem.MALFORMED_REQUEST, Problem.INVALID_FIELD,
            Problem.INVALID_CSR, Problem.UNSUPPORTED_KEY, Problem.CSR_SIGNATURE_INVALID);

    @FuzzTest(maxDuration = "15s")
    void anyBodyIsReadOrRefusedWithAClientError(byte[] body) {
        Buffer buffer = Buffer.buffer(body);
        readOrRefused(() -> EnrollmentRequest.parse(buffer));
        readOrRefused(() -> CertificateSearch.parse(buffer));
    }

    private static void readOrRefused(Runnable reading) {
        try {
            reading.run();
        } catch (EjbcaError refusal) {
            assertThat(refusal.status()).isEqualTo(400);
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(BODY_PROBLEMS);
        }
    }
}
