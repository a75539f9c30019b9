package jp.shomei.app.api;

import static jp.shomei.app.support.ProblemDetails.assertProblem;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.Curl;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.cmp.CmpRoutes;
import jp.shomei.ca.ejbca.EjbcaRestApi;
import jp.shomei.ca.est.EstApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-municipality request rate on the municipal listener, here one request a second with a
 * burst of three: over it, every protocol answers {@code 429 rate-limited} with Retry-After and does
 * nothing; other municipalities, /health and /metrics are unaffected; the refill, timed by the
 * server's clock, admits the client again.
 */
class MunicipalRateLimitOverHttpsTest {

    private static final int BURST = 3;
    /** A request that changes nothing and costs no signature. */
    private static final String CHEAP = "/v1/ca/sign/certificates";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static MunicipalClient minato;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root, Map.of("municipal.rate-limit.per-second", "1",
                "municipal.rate-limit.burst", Integer.toString(BURST)));
        chiyoda = shomei.as(CHIYODA);
        minato = shomei.as(MINATO);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    /** A quiet hour before each specification: every bucket is full again. */
    @BeforeEach
    void quietHour() {
        shomei.clock.advance(Duration.ofHours(1));
    }

    @Test
    void aBurstOverTheLimitIsRefusedWith429RetryAfterAndAProblem() {
        for (int i = 0; i < BURST; i++) {
            assertThat(chiyoda.get(CHEAP).status()).as("request %d of the burst", i + 1).isEqualTo(200);
        }

        MunicipalClient.Response refused = chiyoda.get(CHEAP);

        JsonObject problem = assertProblem(refused, 429, "rate-limited");
        assertThat(refused.retryAfter()).contains("1");
        assertThat(problem.getString("detail")).contains("131016").contains("1 requests a second").contains("retry after 1 s");
    }

    @Test
    void anotherMunicipalityIsUnaffectedByOneOverItsLimit() {
        exhaust(chiyoda);

        for (int i = 0; i < BURST; i++) {
            assertThat(minato.get(CHEAP).status()).as("Minato-ku's request %d", i + 1).isEqualTo(200);
        }
        assertProblem(chiyoda.get(CHEAP), 429, "rate-limited");
    }

    @Test
    void afterTheRefillTheClientIsAdmittedAgainOneRequestPerToken() {
        exhaust(chiyoda);

        shomei.clock.advance(Duration.ofMillis(500));
        MunicipalClient.Response early = chiyoda.get(CHEAP);
        assertProblem(early, 429, "rate-limited");
        assertThat(early.retryAfter()).as("half a token short, rounded up").contains("1");

        shomei.clock.advance(Duration.ofMillis(500));
        assertThat(chiyoda.get(CHEAP).status()).isEqualTo(200);
        assertProblem(chiyoda.get(CHEAP), 429, "rate-limited");
    }

    @Test
    void aRefusedEnrollmentCreatesNothingAndTheSameEnrollmentSucceedsOnceAdmitted() {
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        exhaust(chiyoda);
        String csr = Csrs.rsa2048();
        String before = shomei.storeSnapshot();

        MunicipalClient.Response refused = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment("sign", csr));

        assertProblem(refused, 429, "rate-limited");
        assertThat(shomei.storeSnapshot()).as("store after a refused enrollment").isEqualTo(before);

        shomei.clock.advance(Duration.ofSeconds(1));
        MunicipalClient.Response admitted = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment("sign", csr));
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    }

    @Test
    void oneBucketPerMunicipalityCoversCmpEjbcaRestAndEstAsWell() {
        exhaust(chiyoda);
        Curl curl = shomei.curlAs(CHIYODA);
        String before = shomei.storeSnapshot();

        refusedByCurl(curl.send("POST", "/.well-known/cmp/p/sign", CmpRoutes.CONTENT_TYPE, "not read: refused before"));
        refusedByCurl(curl.get(EjbcaRestApi.BASE + "/certificate/status"));
        refusedByCurl(curl.get(EstApi.BASE + "/sign/cacerts"));
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void healthAndMetricsAnswerWhileAClientIsHeldBackAndMetricsCountTheRefusals() {
        exhaust(chiyoda);
        Curl chiyodaByCurl = shomei.curlAs(CHIYODA);

        assertThat(chiyodaByCurl.get("/health").response().status()).isEqualTo(200);
        MunicipalClient.Response metrics = chiyodaByCurl.get("/metrics").response();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("shomei_municipal_rate_limited_total\\{client=\"131016\",?\\} [1-9]");
    }

    @Test
    void aCallerWithoutAClientCertificateIsNotCountedAndStillRefusedAsUnauthenticated() {
        for (int i = 0; i < BURST + 1; i++) {
            assertProblem(shomei.anonymous().get(CHEAP), 401, "unauthenticated");
        }
        assertThat(chiyoda.get(CHEAP).status()).isEqualTo(200);
    }

    /** Takes the client's whole burst, and shows that the next request is refused. */
    private static void exhaust(MunicipalClient client) {
        for (int i = 0; i < BURST; i++) {
            client.get(CHEAP);
        }
        assertProblem(client.get(CHEAP), 429, "rate-limited");
    }

    private static void refusedByCurl(Curl.Outcome outcome) {
        MunicipalClient.Response response = outcome.response();
        assertProblem(response, 429, "rate-limited");
        assertThat(response.retryAfter()).contains("1");
    }
}
