package jp.shomei.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The municipal API over HTTPS with a municipality's client certificate: whatever the route, path
 * segment and body, the answer is never a 5xx, and every refusal is an RFC 9457 problem with a code.
 * Input: one byte choosing the route, then the path segment (resident code, serial or CA), a zero
 * byte, and the body. The seeds are the requests of docs/municipal-api.md and broken variants.
 */
class MunicipalApiFuzzTest {

    /** The resident the seeds name, registered before fuzzing so that enrolment reaches the CSR. */
    private static final String RESIDENT = "13000000001";
    private static final List<String> STATUS_ACTIONS = List.of("suspend", "resume", "revoke", "renew");

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(RunningShomei.CHIYODA);
        assertThat(chiyoda.put("/v1/residents/" + RESIDENT, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        shomei.close();
    }

    @FuzzTest(maxDuration = "15s")
    void noRequestGetsA5xxAndEveryRefusalIsAProblem(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int separator = indexOfZero(input);
        String segment = URLEncoder.encode(new String(Arrays.copyOfRange(input, 1, separator), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8).replace("+", "%20");
        String body = separator < input.length
                ? new String(Arrays.copyOfRange(input, separator + 1, input.length), StandardCharsets.UTF_8) : "";
        MunicipalClient.Response response = shomei.overMunicipalLoopback(() -> send(Math.floorMod(input[0], 9), segment, body));
        assertThat(response.status()).as("HTTP status, body %s", response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().getString("code")).isNotBlank();
        }
    }

    private static MunicipalClient.Response send(int route, String segment, String body) {
        return switch (route) {
            case 0 -> chiyoda.put("/v1/residents/" + segment, body);
            case 1 -> chiyoda.get("/v1/residents/" + segment);
            case 2 -> chiyoda.post("/v1/residents/" + segment + "/death", body);
            case 3 -> chiyoda.post("/v1/residents/" + segment + "/certificates", body);
            case 4 -> chiyoda.get("/v1/certificates/" + segment);
            case 5 -> chiyoda.get("/v1/certificates/" + segment + "/history");
            case 6 -> chiyoda.get("/v1/ca/" + segment + "/certificates");
            default -> chiyoda.post("/v1/certificates/" + segment + "/"
                    + STATUS_ACTIONS.get(Math.floorMod(body.length(), STATUS_ACTIONS.size())), body);
        };
    }

    private static int indexOfZero(byte[] input) {
        for (int i = 1; i < input.length; i++) {
            if (input[i] == 0) {
                return i;
            }
        }
        return input.length;
    }
}
