package jp.shomei.ca.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.ratelimit.RateLimits;
import jp.shomei.ca.ratelimit.RequestRate;

/**
 * Each municipal client's request rate on the municipal listener, whatever the protocol (JSON API,
 * CMP, EJBCA REST, EST): one token bucket per credential's OU, that is per municipality and one for
 * the call centre. A request over the rate is answered {@code 429 rate-limited} with Retry-After before
 * its body is read, so it costs neither database nor signing work and changes nothing.
 *
 * <p>Requests without a municipal TLS credential are not counted: the JSON, EJBCA and EST routes
 * refuse them as unauthenticated at once, and CMP authenticates by the message's signature instead
 * (see docs/SECURITY.md). /health and /metrics are never limited, so that monitoring keeps working
 * while a client is held back.
 */
public final class MunicipalRateLimit implements Handler<RoutingContext> {

    /**
     * Sized for the largest municipality: Setagaya-ku (about 940,000 residents) renews at most about
     * 190,000 signing certificates a year (one in five residents), some 800 a working day at a few
     * requests each, well under one request a second. Ten a second (36,000 an hour) leaves room for catch-up batches, a hundred at once for a
     * batch starting, while one runaway client cannot take more than that share of the CA.
     */
    public static final RequestRate DEFAULT_RATE = new RequestRate(10, 100);

    private static final Set<String> UNLIMITED_PATHS = Set.of("/health", "/metrics");

    private final RequestRate rate;
    private final RateLimits limits;
    private final MeterRegistry meters;

    public MunicipalRateLimit(RequestRate rate, Clock clock, MeterRegistry meters) {
        this.rate = rate;
        this.limits = new RateLimits(clock);
        this.meters = meters;
    }

    /** Puts the limit in front of every route of the router; mount it before the routes it guards. */
    public void mount(Router router) {
        router.route().handler(this);
    }

    @Override
    public void handle(RoutingContext context) {
        if (UNLIMITED_PATHS.contains(context.request().path())) {
            context.next();
            return;
        }
        Optional<String> client = client(context);
        Optional<Duration> wait = client.flatMap(id -> limits.take(id, rate));
        if (wait.isEmpty()) {
            context.next();
            return;
        }
        long seconds = RateLimits.retryAfterSeconds(wait.get());
        meters.counter("shomei.municipal.rate.limited", "client", client.get()).increment();
        context.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(context, Problem.RATE_LIMITED, "client " + client.get() + " may make " + rate.perSecond()
                + " requests a second, " + rate.burst() + " at once; nothing was done; retry after " + seconds + " s");
    }

    /** The credential's OU: the municipality's code, or the call centre's unit; empty without a municipal credential. */
    private static Optional<String> client(RoutingContext context) {
        try {
            Actor actor = MunicipalIdentity.of(context.request().connection());
            return Optional.of(actor.isCallCentre() ? MunicipalIdentity.CALL_CENTRE_UNIT : actor.municipalityCode());
        } catch (RefusedException unauthenticated) {
            return Optional.empty();
        }
    }
}
