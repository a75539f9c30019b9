package jp.shomei.ca.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /health and /metrics, mounted on every listener so that each can be watched on its own.
 * /health answers 200 when every check passes and 503 naming the failing ones otherwise.
 */
public final class OperationalRoutes {

    /** One named health check: empty when healthy, otherwise the reason. */
    public interface HealthCheck extends Supplier<java.util.Optional<String>> {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OperationalRoutes.class);

    private final Map<String, HealthCheck> checks;
    private final PrometheusMeterRegistry registry;

    public OperationalRoutes(Map<String, HealthCheck> checks, PrometheusMeterRegistry registry) {
        this.checks = new LinkedHashMap<>(checks);
        this.registry = registry;
    }

    public void mount(Vertx vertx, Router router) {
        router.get("/health").handler(context -> vertx.executeBlocking(this::evaluate, false)
                .onSuccess(result -> context.response()
                        .setStatusCode(result.getString("status").equals("UP") ? 200 : 503)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(result.encode()))
                .onFailure(context::fail));
        router.get("/metrics").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }

    private JsonObject evaluate() {
        JsonObject results = new JsonObject();
        boolean up = true;
        for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
            java.util.Optional<String> failure;
            try {
                failure = check.getValue().get();
            } catch (RuntimeException e) {
                // /health needs no credential, so the cause goes to the log only.
                LOG.warn("Health check '{}' failed", check.getKey(), e);
                failure = java.util.Optional.of("check failed");
            }
            up &= failure.isEmpty();
            results.put(check.getKey(), failure.map(reason -> new JsonObject().put("status", "DOWN").put("reason", reason))
                    .orElse(new JsonObject().put("status", "UP")));
        }
        return new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", results);
    }
}
