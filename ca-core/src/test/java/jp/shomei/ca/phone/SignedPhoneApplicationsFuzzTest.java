package jp.shomei.ca.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Whatever bytes a municipal system sends as a phone application, {@link SignedPhoneApplications#open}
 * yields an application or refuses it with phone-application-invalid, or with a CSR problem for a bad
 * request inside a well-signed application: no other exception escapes. Seeds: applications signed by
 * {@code openssl cms -sign -nodetach -binary} with an RSA and an EC key, one whose JSON lacks members,
 * a signed text that is not JSON, and truncations.
 */
class SignedPhoneApplicationsFuzzTest {

    private static final Set<Problem> DOCUMENTED = Set.of(Problem.PHONE_APPLICATION_INVALID, Problem.INVALID_CSR,
            Problem.UNSUPPORTED_KEY, Problem.CSR_SIGNATURE_INVALID);

    @FuzzTest(maxDuration = "15s")
    void anyBytesOpenOrAreRefusedPrecisely(byte[] cms) {
        try {
            PhoneApplication application = SignedPhoneApplications.open(cms);
            assertThat(application.residentCode()).hasSize(11);
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(DOCUMENTED);
        }
    }
}
