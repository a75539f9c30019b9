package jp.shomei.app.server;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health and /metrics, which both listeners serve to anyone, so that each can be watched on its own. */
class OperationalEndpointsTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @Test
    void healthAnswersUpOnTheMunicipalListener() {
        MunicipalClient.Response health = shomei.curlWithoutClientCertificate().get("/health").response();

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.json().getJsonObject("checks").getJsonObject("store").getString("status")).isEqualTo("UP");
    }

    @Test
    void healthAnswersUpOnTheValidationListener() throws Exception {
        HttpResponse<String> health = plainGet("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");
        Curl.Outcome curl = new Curl(shomei.work, shomei.server.validationUrl(), java.util.List.of()).get("/health");
        assertThat(curl.json().getString("status")).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextCountingMunicipalRequestsByRouteAndStatus() throws Exception {
        MunicipalClient chiyoda = shomei.as(CHIYODA);
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        assertThat(chiyoda.get("/v1/certificates/abc").status()).isEqualTo(404);

        MunicipalClient.Response municipal = shomei.curlWithoutClientCertificate().get("/metrics").response();
        HttpResponse<String> validation = plainGet("/metrics");

        assertThat(municipal.status()).isEqualTo(200);
        assertThat(municipal.contentType()).startsWith("text/plain");
        assertThat(municipal.body())
                .contains("# TYPE shomei_municipal_requests_seconds")
                .containsPattern("shomei_municipal_requests_seconds_count\\{[^}]*method=\"PUT\""
                        + "[^}]*route=\"/v1/residents/:residentCode\"[^}]*status=\"201\"[^}]*} 1(\\.0)?\n")
                .containsPattern("shomei_municipal_requests_seconds_count\\{[^}]*status=\"404\"[^}]*} 1(\\.0)?\n")
                .containsPattern("shomei_municipal_refusals_total\\{code=\"certificate-not-found\"[^}]*} 1(\\.0)?\n");
        assertThat(validation.statusCode()).isEqualTo(200);
        assertThat(validation.body()).contains("shomei_municipal_requests_seconds_count");
    }

    private static HttpResponse<String> plainGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shomei.server.validationUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
