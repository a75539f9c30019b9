package jp.shomei.ocsp.presigned;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.response.ResponseSigner;
import jp.shomei.ocsp.response.SignedResponse;
import jp.shomei.ocsp.status.CertState;
import jp.shomei.ocsp.status.StatusBook;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses signed in advance for single-certificate, nonce-less requests (RFC 5019), held in memory.
 *
 * <p>A response is signed the first time its certificate is asked about, again at once whenever the
 * certificate's status changes, and again in the background before it goes stale, at a random point
 * between half and three quarters of its validity so that responses signed together are not all
 * refreshed together. A response nobody asked for since it was signed is dropped instead of refreshed.
 *
 * <p>Publishing is checked after the fact: whoever stores a response re-reads the status it was signed
 * from and withdraws it if the status moved meanwhile. Whatever the interleaving of a status change
 * with a concurrent signature, the cache never keeps a response older than the status book.
 */
public final class PresignedResponses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresignedResponses.class);

    /** One cached response: the CertID's hash algorithm is part of the key because the response echoes it. */
    public record Key(ServedIssuer issuer, AlgorithmIdentifier hashAlgorithm, BigInteger serial) {

        public static Key of(ServedIssuer issuer, CertificateID id) {
            return new Key(issuer, id.toASN1Primitive().getHashAlgorithm(), id.getSerialNumber());
        }
    }

    private static final class Entry {
        final CertificateID id;
        final Optional<CertState> state;
        final SignedResponse response;
        volatile boolean served;

        Entry(CertificateID id, Optional<CertState> state, SignedResponse response) {
            this.id = id;
            this.state = state;
            this.response = response;
        }
    }

    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();
    private final StatusBook book;
    private final ResponseSigner signer;
    private final Clock clock;
    private final int capacity;
    private final ExecutorService signing;
    private final ScheduledExecutorService refreshes;
    private final Counter refreshed;
    private final Counter resignedOnChange;

    public PresignedResponses(StatusBook book, ResponseSigner signer, Clock clock, int capacity, MeterRegistry meters) {
        this.book = book;
        this.signer = signer;
        this.clock = clock;
        this.capacity = capacity;
        // Background signing gets its own threads, so refresh waves never occupy the request path's workers.
        this.signing = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                daemon("ocsp-presign"));
        this.refreshes = Executors.newSingleThreadScheduledExecutor(daemon("ocsp-refresh-timer"));
        Gauge.builder("shomei.ocsp.presigned.responses", cache, Map::size)
                .description("pre-signed OCSP responses held in memory").register(meters);
        this.refreshed = Counter.builder("shomei.ocsp.presigned.refreshed")
                .description("pre-signed responses re-signed before going stale").register(meters);
        this.resignedOnChange = Counter.builder("shomei.ocsp.presigned.status.changes")
                .description("pre-signed responses re-signed because the certificate's status changed").register(meters);
    }

    /** The response held for this key, if there is one still fresh. */
    public Optional<SignedResponse> find(Key key) {
        Entry entry = cache.get(key);
        if (entry == null || !clock.instant().isBefore(entry.response.nextUpdate())) {
            return Optional.empty();
        }
        entry.served = true;
        return Optional.of(entry.response);
    }

    /** Signs the response a client asked for from the current status, keeps it if there is room, and returns it. Blocks. */
    public SignedResponse signForRequest(Key key, CertificateID id) {
        return sign(key, id, true);
    }

    private SignedResponse sign(Key key, CertificateID id, boolean served) {
        Optional<CertState> state = book.find(key.issuer(), key.serial());
        SignedResponse response = signer.sign(key.issuer(), List.of(new ResponseSigner.Answer(id, state)), Optional.empty());
        Entry entry = new Entry(id, state, response);
        entry.served = served;
        publish(key, entry);
        return response;
    }

    /**
     * Re-signs, in the background, every response held for this certificate; if none is held, signs the
     * SHA-1 form that RFC 5019 clients ask for, so the first question after a change is answered at once.
     */
    public void statusChanged(ServedIssuer issuer, BigInteger serial) {
        boolean anyHeld = false;
        for (AlgorithmIdentifier form : CertificateIds.HASH_ALGORITHM_FORMS) {
            Key key = new Key(issuer, form, serial);
            Entry held = cache.get(key);
            if (held != null) {
                anyHeld = true;
                signing.execute(() -> resign(key, held.id, held.served, resignedOnChange));
            }
        }
        if (!anyHeld) {
            CertificateID id = CertificateIds.sha1(issuer, serial);
            signing.execute(() -> resign(Key.of(issuer, id), id, false, resignedOnChange));
        }
    }

    private void resign(Key key, CertificateID id, boolean served, Counter counter) {
        try {
            sign(key, id, served);
            counter.increment();
        } catch (RuntimeException e) {
            // The request path signs on demand when nothing is held, so a failure here costs only speed.
            LOG.warn("Could not pre-sign the OCSP response for serial {}: {}", key.serial().toString(16), e.getMessage());
        }
    }

    private void publish(Key key, Entry entry) {
        if (!cache.containsKey(key) && cache.size() >= capacity) {
            return;
        }
        cache.put(key, entry);
        if (!book.find(key.issuer(), key.serial()).equals(entry.state)) {
            cache.remove(key, entry);
            return;
        }
        scheduleRefresh(key, entry);
    }

    private void scheduleRefresh(Key key, Entry entry) {
        long validity = Duration.between(entry.response.thisUpdate(), entry.response.nextUpdate()).toMillis();
        long delay = validity / 2 + ThreadLocalRandom.current().nextLong(validity / 4 + 1);
        refreshes.schedule(() -> {
            if (cache.get(key) != entry) {
                return;
            }
            if (entry.served) {
                signing.execute(() -> resign(key, entry.id, false, refreshed));
            } else {
                cache.remove(key, entry);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Re-signs every held response, for example after the signer changed. */
    public void resignAll() {
        cache.forEach((key, entry) -> signing.execute(() -> resign(key, entry.id, entry.served, refreshed)));
    }

    /** Drops the queued signing and waits for the signatures in progress, so that the keys can close after. */
    @Override
    public void close() {
        refreshes.shutdownNow();
        signing.shutdownNow();
        try {
            signing.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
