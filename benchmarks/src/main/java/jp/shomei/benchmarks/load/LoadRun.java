package jp.shomei.benchmarks.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Runs one load: requests from {@code source} against an endpoint, shaped by a {@link LoadShape}, over
 * HTTP/1.1 keep-alive connections of one Vert.x client. Everything (sending, answers, timers, the
 * histogram) happens on one event-loop context, so the counters need no locks.
 */
public final class LoadRun {

    private final String name;
    private final Vertx vertx;
    private final HttpClientAgent client;
    private final LoadShape shape;
    private final Supplier<LoadRequest> source;
    private final Promise<LoadResult> done = Promise.promise();
    private final Histogram latencyMicros = new Histogram(3);
    private final TreeMap<String, Long> errorKinds = new TreeMap<>();
    private long started;
    private long deadline;
    private long scheduled;
    private long sent;
    private long inFlight;
    private long answered;
    private long errors;
    private long skipped;
    private boolean sending = true;

    private LoadRun(String name, Vertx vertx, Endpoint endpoint, LoadShape shape, Supplier<LoadRequest> source) {
        this.name = name;
        this.vertx = vertx;
        this.shape = shape;
        this.source = source;
        this.client = vertx.createHttpClient(endpoint.clientOptions(shape), new PoolOptions().setHttp1MaxSize(shape.connections()));
    }

    /**
     * Runs the load and waits for its last answer. {@code source} is called on the event loop and
     * may return null when it has nothing to send yet (counted as skipped).
     */
    public static LoadResult run(String name, Vertx vertx, Endpoint endpoint, LoadShape shape, Supplier<LoadRequest> source) {
        LoadRun run = new LoadRun(name, vertx, endpoint, shape, source);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(start -> run.start());
        try {
            return run.done.future().await(shape.duration().plus(shape.timeout()).toSeconds() + 60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": the load run did not finish: " + e.getMessage(), e);
        } finally {
            run.client.close();
        }
    }

    private void start() {
        started = System.nanoTime();
        deadline = started + shape.duration().toNanos();
        if (shape.openLoop()) {
            vertx.setPeriodic(1, this::tick);
        } else {
            for (int i = 0; i < shape.connections(); i++) {
                sendNext();
            }
        }
    }

    private boolean mayStartAnother() {
        long counted = shape.openLoop() ? scheduled : sent;
        return sending && counted < shape.maxRequests() && System.nanoTime() < deadline;
    }

    /** Closed loop: one chain per connection, the next request when the previous is answered. */
    private void sendNext() {
        if (!mayStartAnother()) {
            stopSending();
            return;
        }
        LoadRequest request = source.get();
        if (request == null) {
            skipped++;
            vertx.setTimer(1, retry -> sendNext());
            return;
        }
        send(request, System.nanoTime()).onComplete(answer -> sendNext());
    }

    /** Open loop: every millisecond, start whatever the schedule says is due, dated by its scheduled time. */
    private void tick(long timer) {
        if (!mayStartAnother()) {
            vertx.cancelTimer(timer);
            stopSending();
            return;
        }
        long due = (long) ((System.nanoTime() - started) / 1e9 * shape.ratePerSecond());
        while (scheduled < due && scheduled < shape.maxRequests()) {
            long intendedStart = started + (long) (scheduled++ * 1e9 / shape.ratePerSecond());
            LoadRequest request = source.get();
            if (request == null) {
                skipped++;
            } else {
                send(request, intendedStart).onComplete(answer -> finishWhenDrained());
            }
        }
    }

    private Future<Void> send(LoadRequest request, long intendedStart) {
        sent++;
        inFlight++;
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri())
                .setIdleTimeout(shape.timeout().toMillis());
        return client.request(options)
                .compose(http -> {
                    if (request.contentType() != null) {
                        http.putHeader("Content-Type", request.contentType());
                    }
                    return request.body() == null ? http.send() : http.send(request.body());
                })
                .compose(response -> response.body().map(body -> {
                    judge(request, response, body, intendedStart);
                    return (Void) null;
                }))
                .recover(failure -> {
                    String kind = failure.getClass().getSimpleName();
                    error(kind.contains("Timeout") ? "timeout" : kind);
                    return Future.succeededFuture();
                })
                .andThen(finished -> {
                    inFlight--;
                    answered++;
                });
    }

    private void judge(LoadRequest request, HttpClientResponse response, Buffer body, long intendedStart) {
        if (response.statusCode() != request.expectedStatus()) {
            error("HTTP " + response.statusCode());
            return;
        }
        latencyMicros.recordValue(Math.max(0, (System.nanoTime() - intendedStart) / 1000));
        request.onSuccess().accept(body);
    }

    private void error(String kind) {
        errors++;
        errorKinds.merge(kind, 1L, Long::sum);
    }

    private void stopSending() {
        sending = false;
        finishWhenDrained();
    }

    private void finishWhenDrained() {
        if (!sending && inFlight == 0 && !done.future().isComplete()) {
            double seconds = (System.nanoTime() - started) / 1e9;
            done.complete(new LoadResult(name, answered, errors, skipped, seconds, latencyMicros, errorKinds));
        }
    }
}
