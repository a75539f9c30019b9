package jp.shomei.crl.generation;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.store.CrlBase;
import jp.shomei.ca.store.Store;
import jp.shomei.crl.content.CrlExtensionsFactory;
import jp.shomei.crl.content.CrlScope;
import jp.shomei.crl.encoding.CrlFrame;
import jp.shomei.crl.encoding.RevokedEntry;
import jp.shomei.crl.encoding.StreamingCrlWriter;
import jp.shomei.crl.publication.CrlDirectory;
import jp.shomei.crl.publication.CrlVariant;
import jp.shomei.crl.publication.PublishedCrl;

/**
 * Generates, signs and publishes the CRLs of one scope at a time, with the issuing CA key.
 *
 * <p>A full CRL takes the next CRL number of its scope from the store, notes the newest status change
 * it reflects, streams the partition's revoked certificates into the encoder, and once published
 * becomes the base its deltas build on. A delta takes the next number of the same sequence and lists
 * every certificate of the partition whose status changed after its base.
 */
public final class CrlPublisher {

    private final Store store;
    private final CertificateAuthorities authorities;
    private final CrlStoreReader reader;
    private final CrlDirectory directory;
    private final CrlPolicy policy;
    private final Clock clock;
    private final Map<String, Long> deltaSequences = new ConcurrentHashMap<>();
    private final Map<CrlVariant, Timer> durations = new HashMap<>();
    private final Map<CrlVariant, DistributionSummary> entries = new HashMap<>();

    public CrlPublisher(Store store, CertificateAuthorities authorities, CrlDirectory directory, CrlPolicy policy,
                        Clock clock, MeterRegistry meters) {
        this.store = store;
        this.authorities = authorities;
        this.reader = new CrlStoreReader(store.dataSource());
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
        for (CrlVariant variant : CrlVariant.values()) {
            String name = variant.name().toLowerCase(java.util.Locale.ROOT);
            durations.put(variant, Timer.builder("shomei.crl.generation")
                    .description("Time to generate, sign and publish one CRL").tag("variant", name).register(meters));
            entries.put(variant, DistributionSummary.builder("shomei.crl.entries")
                    .description("Entries per published CRL").tag("variant", name).register(meters));
        }
    }

    /** Publishes the scope's next complete CRL and records it as the base of its deltas. */
    public PublishedCrl publishFull(CrlScope scope) {
        Timer.Sample started = Timer.start();
        Instant thisUpdate = now();
        Instant nextUpdate = thisUpdate.plus(policy.fullInterval());
        long[] numberAndSequence = store.write(tx -> new long[] {tx.nextCrlNumber(scope.key()), tx.latestStatusSequence()});
        long crlNumber = numberAndSequence[0];
        CertificateAuthority authority = authorities.issuing(scope.kind()).authority();
        CrlFrame frame = new CrlFrame(authority.certificate().getSubject(), thisUpdate, nextUpdate,
                new CrlExtensionsFactory(authority.certificate()).full(scope, crlNumber));
        Instant expiredBefore = thisUpdate.minus(policy.expiredRetention());
        PublishedCrl published = directory.publish(scope.kind(), scope.id(), CrlVariant.FULL, crlNumber, thisUpdate,
                nextUpdate, out -> {
                    try (StreamingCrlWriter writer = new StreamingCrlWriter(directory.spoolDirectory())) {
                        // The authority revocation list stays empty: no Shomei CA certificate has been revoked.
                        if (!scope.id().equals(CrlScope.AUTHORITY_REVOCATION_LIST)) {
                            reader.forEachRevoked(scope.kind(), scope.id(), expiredBefore, writer::add);
                        }
                        return writer.finish(frame, authority.key(), out);
                    }
                });
        if (scope.hasDeltas()) {
            store.write(tx -> {
                tx.recordCrlBase(scope.key(), new CrlBase(crlNumber, numberAndSequence[1], thisUpdate));
                return null;
            });
        }
        record(published, started);
        return published;
    }

    /**
     * Publishes a delta for each scope of the CA that has a base; with {@code onlyChanged}, only for
     * scopes with status changes that their current delta does not yet show.
     *
     * @return the deltas published
     */
    public List<PublishedCrl> publishDeltas(CaKind kind, List<CrlScope> scopes, boolean onlyChanged) {
        Map<CrlScope, CrlBase> bases = new HashMap<>();
        for (CrlScope scope : scopes) {
            if (scope.hasDeltas()) {
                store.read(tx -> tx.crlBase(scope.key())).ifPresent(base -> bases.put(scope, base));
            }
        }
        if (bases.isEmpty()) {
            return List.of();
        }
        long oldestBase = bases.values().stream().mapToLong(CrlBase::statusSequence).min().orElseThrow();
        Map<String, List<ChangedCertificate>> byPartition = new HashMap<>();
        for (ChangedCertificate change : reader.changedAfter(kind, oldestBase)) {
            byPartition.computeIfAbsent(change.partition(), p -> new java.util.ArrayList<>()).add(change);
        }
        List<PublishedCrl> published = new java.util.ArrayList<>();
        for (Map.Entry<CrlScope, CrlBase> scopeAndBase : bases.entrySet()) {
            CrlScope scope = scopeAndBase.getKey();
            CrlBase base = scopeAndBase.getValue();
            List<ChangedCertificate> changes = byPartition.getOrDefault(scope.id(), List.of()).stream()
                    .filter(change -> change.lastSequence() > base.statusSequence()).toList();
            long newest = changes.stream().mapToLong(ChangedCertificate::lastSequence).max().orElse(base.statusSequence());
            if (onlyChanged && newest <= deltaSequences.getOrDefault(scope.key(), base.statusSequence())) {
                continue;
            }
            published.add(publishDelta(scope, base, changes));
            deltaSequences.merge(scope.key(), newest, Math::max);
        }
        return published;
    }

    private PublishedCrl publishDelta(CrlScope scope, CrlBase base, List<ChangedCertificate> changes) {
        Timer.Sample started = Timer.start();
        Instant thisUpdate = now();
        Instant nextUpdate = thisUpdate.plus(policy.deltaInterval());
        long crlNumber = store.write(tx -> tx.nextCrlNumber(scope.key()));
        CertificateAuthority authority = authorities.issuing(scope.kind()).authority();
        CrlFrame frame = new CrlFrame(authority.certificate().getSubject(), thisUpdate, nextUpdate,
                new CrlExtensionsFactory(authority.certificate()).delta(scope, crlNumber, base.crlNumber()));
        List<RevokedEntry> deltaEntries = changes.stream()
                .sorted(Comparator.comparing(ChangedCertificate::serial))
                .map(ChangedCertificate::deltaEntry).flatMap(Optional::stream).toList();
        PublishedCrl published = directory.publish(scope.kind(), scope.id(), CrlVariant.DELTA, crlNumber, thisUpdate,
                nextUpdate, out -> {
                    try (StreamingCrlWriter writer = new StreamingCrlWriter(directory.spoolDirectory())) {
                        deltaEntries.forEach(writer::add);
                        return writer.finish(frame, authority.key(), out);
                    }
                });
        record(published, started);
        return published;
    }

    private void record(PublishedCrl published, Timer.Sample started) {
        started.stop(durations.get(published.variant()));
        entries.get(published.variant()).record(published.size().entries());
    }

    /** CRL times are whole seconds (UTCTime has no fractions). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
