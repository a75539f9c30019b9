package jp.shomei.ca.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
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
 * <p>Requests without a municipal TLS credential are not counted here: the JSON, EJBCA and EST routes
 * refuse them as unauthenticated at once, and CMP authenticates by the message's signature instead
 * and takes from the signer's bucket through {@link #take(String)} once that signature has verified
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
    /** Marks a request counted against the TLS credential it came with. */
    private static final String COUNTED = MunicipalRateLimit.class.getName() + ".counted";

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
        Optional<Refusal> refusal = client.flatMap(this::take);
        if (refusal.isEmpty()) {
            client.ifPresent(counted -> context.put(COUNTED, counted));
            context.next();
            return;
        }
        context.response().putHeader("Retry-After", Long.toString(refusal.get().retryAfterSeconds()));
        Problems.send(context, Problem.RATE_LIMITED, refusal.get().detail());
    }

    /** Why a request over its client's rate is refused, and in how many whole seconds a retry is admitted. */
    public record Refusal(long retryAfterSeconds, String detail) {
    }

    /**
     * Takes one request from the client's bucket: empty when the request may go ahead, otherwise its
     * refusal. Every way a municipality's requests arrive takes from this one bucket.
     */
    public Optional<Refusal> take(String client) {
        return limits.take(client, rate).map(wait -> {
            long seconds = RateLimits.retryAfterSeconds(wait);
            meters.counter("shomei.municipal.rate.limited", "client", client).increment();
            return new Refusal(seconds, "client " + client + " may make " + rate.perSecond() + " requests a second, "
                    + rate.burst() + " at once; nothing was done; retry after " + seconds + " s");
        });
    }

    /** Whether this request was already counted here, against the TLS client credential it came with. */
    public static boolean countedOnConnection(RoutingContext context) {
        return context.get(COUNTED) != null;
    }

    /** The bucket an actor's requests take from: its municipality's code, or the call centre's unit. */
    public static String clientOf(Actor actor) {
        return actor.isCallCentre() ? MunicipalIdentity.CALL_CENTRE_UNIT : actor.municipalityCode();
    }

    /** The credential's OU: the municipality's code, or the call centre's unit; empty without a municipal credential. */
    private static Optional<String> client(RoutingContext context) {
        try {
            return Optional.of(clientOf(MunicipalIdentity.of(context.request().connection())));
        } catch (RefusedException unauthenticated) {
            return Optional.empty();
        }
    }
}
