package jp.shomei.app.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.shomei.app.config.ShomeiConfig.AuditSettings;
import jp.shomei.ca.audit.chain.AuditCheckpointer;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the audit log's head at start, every checkpoint interval and at shutdown, with the audit key
 * from the key source (made on first start, like the CA keys).
 */
public final class AuditCheckpointSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpointer checkpointer;
    private final ScheduledExecutorService scheduler;

    private AuditCheckpointSchedule(AuditCheckpointer checkpointer) {
        this.checkpointer = checkpointer;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Finds or creates the audit key, publishes its public half to {@code publicKeyFile}, and starts. */
    public static AuditCheckpointSchedule start(Store store, KeySource keys, AuditSettings settings, Path publicKeyFile,
                                                Clock clock) {
        SigningKey key = keys.find(settings.keyLabel()).orElseGet(() -> create(store, keys, settings.keyLabel(), clock));
        AuditKeyFile.writeOrCheck(publicKeyFile, key.publicKey(), "the audit key '" + key.label() + "' in " + keys.describe());
        AuditCheckpointSchedule schedule = new AuditCheckpointSchedule(new AuditCheckpointer(store, key, clock));
        long interval = settings.checkpointInterval().toMillis();
        schedule.scheduler.scheduleAtFixedRate(schedule::checkpoint, 0, interval, TimeUnit.MILLISECONDS);
        return schedule;
    }

    private static SigningKey create(Store store, KeySource keys, String label, Clock clock) {
        SigningKey key = keys.generateRsa2048(label);
        store.write(tx -> {
            tx.appendAudit(clock.instant(), "system", "audit.key.create", Optional.empty(), Optional.empty(),
                    "created the audit checkpoint key '" + label + "' in " + keys.describe());
            return null;
        });
        LOG.info("Created the audit checkpoint key '{}' in {}", label, keys.describe());
        return key;
    }

    /** A failed checkpoint is logged and retried at the next tick; an exception would end the schedule. */
    private void checkpoint() {
        try {
            checkpointer.checkpoint().ifPresent(made -> LOG.info("Audit checkpoint at entry {} signed", made.sequence()));
        } catch (RuntimeException e) {
            LOG.error("Audit checkpoint failed (will retry in one interval): {}", e.getMessage(), e);
        }
    }

    /** Stops the schedule and signs the head one last time, so a clean shutdown leaves nothing unsigned. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
    }
}
