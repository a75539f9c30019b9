package jp.shomei.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load driver against a real Vert.x server: what it counts, what it refuses, what it writes. */
class LoadRunTest {

    private Vertx vertx;
    private HttpServer server;
    private Endpoint endpoint;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.response()
                .setStatusCode(request.path().equals("/ok") ? 200 : 503).end("answer"))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        endpoint = Endpoint.plain(URI.create("http://127.0.0.1:" + server.actualPort()));
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aClosedLoopSendsExactlyTheRequestCountAndPassesEachCorrectAnswerOn() {
        AtomicInteger answers = new AtomicInteger();
        LoadResult result = LoadRun.run("ok", vertx, endpoint, new LoadShape(4, Duration.ofMinutes(1), 200, 0,
                LoadShape.DEFAULT_TIMEOUT), () -> LoadRequest.get("/ok", 200).then(body -> answers.incrementAndGet()));

        assertThat(result.requests()).isEqualTo(200);
        assertThat(result.errors()).isZero();
        assertThat(answers).hasValue(200);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(200);
    }

    @Test
    void anUnexpectedStatusIsCountedAsAnErrorByKindAndItsLatencyIsNotRecorded() {
        LoadResult result = LoadRun.run("fail", vertx, endpoint, new LoadShape(2, Duration.ofMinutes(1), 30, 0,
                LoadShape.DEFAULT_TIMEOUT), () -> LoadRequest.get("/fail", 200));

        assertThat(result.errors()).isEqualTo(30);
        assertThat(result.errorKinds()).containsEntry("HTTP 503", 30L);
        assertThat(result.latencyMicros().getTotalCount()).isZero();
    }

    @Test
    void anOpenLoopStartsRequestsOnScheduleAndCountsThoseItHadNothingFor() {
        AtomicInteger asked = new AtomicInteger();
        LoadResult result = LoadRun.run("rate", vertx, endpoint, new LoadShape(2, Duration.ofMinutes(1), 40, 200,
                LoadShape.DEFAULT_TIMEOUT), () -> asked.incrementAndGet() % 4 == 0 ? null : LoadRequest.get("/ok", 200));

        assertThat(result.requests() + result.skipped()).isEqualTo(40);
        assertThat(result.skipped()).isEqualTo(10);
        // 40 requests at 200 a second are due over 0.2 s: the run cannot be faster than its schedule.
        assertThat(result.seconds()).isGreaterThanOrEqualTo(0.19);
    }

    @Test
    void aTargetOffThisMachineIsRefused() {
        assertThatThrownBy(() -> Endpoint.plain(URI.create("http://192.0.2.1:80")))
                .hasMessageContaining("only loopback targets are allowed");
    }

    @Test
    void theResultFileFollowsTheContract(@TempDir Path results) throws Exception {
        LoadResult measured = LoadRun.run("measured", vertx, endpoint, new LoadShape(1, Duration.ofMinutes(1), 10, 0,
                LoadShape.DEFAULT_TIMEOUT), () -> LoadRequest.get("/ok", 200));
        LoadResult baseline = LoadRun.run("baseline", vertx, endpoint, new LoadShape(1, Duration.ofMinutes(1), 10, 0,
                LoadShape.DEFAULT_TIMEOUT), () -> LoadRequest.get("/ok", 200));

        Path file = ResultFile.write(results, ResultFile.withBaseline(ResultFile.throughput(measured, "the command"),
                baseline.name(), baseline.perSecond()));

        JsonObject figure = new JsonObject(Files.readString(file));
        assertThat(file.getFileName()).hasToString("measured.json");
        assertThat(figure.fieldNames()).containsExactlyInAnyOrder("name", "unit", "value", "baseline", "ratio", "latencyMs",
                "requests", "errors", "seconds", "command");
        assertThat(figure.getJsonObject("baseline").fieldNames()).containsExactlyInAnyOrder("name", "value");
        assertThat(figure.getJsonObject("latencyMs").fieldNames()).containsExactlyInAnyOrder("p50", "p90", "p99", "p999", "max");
        assertThat(figure.getString("unit")).isEqualTo("requests/s");
        assertThat(figure.getLong("requests")).isEqualTo(10);
        assertThat(figure.getDouble("ratio")).isCloseTo(measured.perSecond() / baseline.perSecond(), within(0.01));
    }
}
