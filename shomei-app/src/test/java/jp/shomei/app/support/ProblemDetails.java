package jp.shomei.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** What every refusal of the municipal API looks like: RFC 9457 problem details with Shomei's stable code. */
public final class ProblemDetails {

    private ProblemDetails() {
    }

    public static JsonObject assertProblem(MunicipalClient.Response response, int status, String code) {
        assertThat(response.status()).as("HTTP status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonObject problem = response.json();
        assertThat(problem.getString("code")).as("problem code in %s", problem).isEqualTo(code);
        assertThat(problem.getString("type")).isEqualTo("urn:shomei:problem:" + code);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }
}
