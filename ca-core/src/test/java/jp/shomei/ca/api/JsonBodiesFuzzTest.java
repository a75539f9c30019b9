package jp.shomei.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;

/**
 * Whatever arrives as a municipal API body, it is read or refused with malformed-request or
 * invalid-field: no other exception escapes the JSON readers. The body is read both as a resident
 * record and with every member the other routes take, through each typed accessor. Seeds: the bodies
 * of docs/municipal-api.md, wrong types, unknown members, broken and deeply nested JSON.
 */
class JsonBodiesFuzzTest {

    private static final String RESIDENT_CODE = "12345678901";
    private static final Set<String> ROUTE_MEMBERS = Set.of("ca", "csr", "cardExpiresOn", "reason", "diedOn",
            "adultWard");
    private static final Set<Problem> BODY_PROBLEMS = Set.of(Problem.MALFORMED_REQUEST, Problem.INVALID_FIELD);

    @FuzzTest(maxDuration = "15s")
    void anyBodyIsReadOrRefusedAsMalformedOrInvalid(byte[] body) {
        Buffer buffer = Buffer.buffer(body);
        readOrRefused(() -> ResidentJson.parse(RESIDENT_CODE, buffer));
        readOrRefused(() -> {
            JsonFields fields = JsonFields.parse(buffer, ROUTE_MEMBERS);
            fields.optionalString("ca");
            fields.optionalString("csr");
            fields.optionalString("reason");
            fields.optionalDate("cardExpiresOn");
            fields.optionalDate("diedOn");
            fields.optionalBoolean("adultWard", false);
        });
    }

    private static void readOrRefused(Runnable reading) {
        try {
            reading.run();
        } catch (RefusedException refusal) {
            assertThat(refusal.problem()).isIn(BODY_PROBLEMS);
        }
    }
}
