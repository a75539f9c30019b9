package jp.shomei.ca.feed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.shomei.ca.events.StatusChange;
import jp.shomei.ca.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers status changes to the services downstream of the CA (OCSP, CRL, the verifier feed) in
 * sequence order, each exactly once per subscriber. It polls the store at a short interval, so every
 * node sees every change whichever node made it, with no protocol between nodes.
 *
 * <p>Sequences become visible as a gap-free prefix (the counter row stays locked until commit), so
 * reading "everything after the last sequence delivered" never skips a change.
 */
public final class StatusChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusChangeFeed.class);
    private static final int BATCH = 1000;
    /** One batch read takes well under this; a reader still busy after it is left to the JVM's exit. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Store store;
    private final Duration pollInterval;
    private final List<Consumer<StatusChange>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile long lastDelivered;
    private volatile boolean running = true;
    /** Wakes the reader from its pause between polls when the feed closes. */
    private final Object pause = new Object();

    /**
     * @param startAfter the last sequence the subscribers already reflect (0 for all changes)
     */
    public StatusChangeFeed(Store store, long startAfter, Duration pollInterval) {
        this.store = Objects.requireNonNull(store, "store");
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("poll interval must be between 1 ms and 1 minute, got " + pollInterval);
        }
        if (startAfter < 0) {
            throw new IllegalArgumentException("start sequence must not be negative, got " + startAfter);
        }
        this.pollInterval = pollInterval;
        this.lastDelivered = startAfter;
        this.reader = new Thread(this::run, "status-change-feed");
        this.reader.setDaemon(true);
    }

    /** Adds a subscriber; call before {@link #start()}. Subscribers run on the feed's thread and must not block long. */
    public void subscribe(Consumer<StatusChange> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
    }

    public void start() {
        reader.start();
    }

    /** The sequence of the last change delivered to every subscriber. */
    public long lastDelivered() {
        return lastDelivered;
    }

    /** Reads and delivers everything committed so far, on the caller's thread; for start-up and tests. */
    public synchronized void catchUp() {
        while (true) {
            long after = lastDelivered;
            List<StatusChange> changes = store.read(tx -> tx.statusChangesAfter(after, BATCH));
            for (StatusChange change : changes) {
                for (Consumer<StatusChange> subscriber : subscribers) {
                    subscriber.accept(change);
                }
                lastDelivered = change.sequence();
            }
            if (changes.size() < BATCH) {
                return;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                catchUp();
            } catch (RuntimeException e) {
                // A database outage must not end the feed: it resumes from the last delivered change.
                LOG.warn("Status change feed could not read the store (will retry): {}", e.getMessage());
            }
            try {
                synchronized (pause) {
                    if (running) {
                        pause.wait(pollInterval.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops polling and waits for a read in progress to end, so that the store can close after this
     * returns. The reader is woken, not interrupted: an interrupt inside a database read would fail it.
     */
    @Override
    public void close() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (reader.isAlive()) {
            try {
                reader.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
