package jp.shomei.benchmarks.crl;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jp.shomei.benchmarks.results.Figure;
import jp.shomei.benchmarks.results.ResultFile;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.CrlPartition;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.crl.content.CrlExtensionsFactory;
import jp.shomei.crl.content.CrlScope;
import jp.shomei.crl.encoding.CrlFrame;
import jp.shomei.crl.encoding.CrlSize;
import jp.shomei.crl.encoding.RevokedEntry;
import jp.shomei.crl.encoding.StreamingCrlWriter;
import jp.shomei.crl.publication.CrlDirectory;
import jp.shomei.crl.publication.CrlVariant;
import jp.shomei.keys.SoftwareKeySource;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Streams synthetic revocations (random 128-bit serials, affiliationChanged, invalidity dates) through
 * the CRL encoder and the CA's signer, no database involved.
 *
 * <pre>
 * single &lt;entries&gt; &lt;work dir&gt;      one CRL; baseline: SHA-256 of the same bytes re-read from disk
 * partitions &lt;partitions&gt; &lt;entries&gt; &lt;work dir&gt;   one full CRL per partition, published atomically</pre>
 */
public final class CrlBenchmark {

    private CrlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[args.length - 1]);
        Files.createDirectories(work);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        try (SoftwareKeySource keys = new SoftwareKeySource(work.resolve("keys-" + System.nanoTime()),
                java.util.Base64.getEncoder().encodeToString(secret).toCharArray())) {
            CertificateAuthority ca = new CaCertificateFactory(Clock.systemUTC())
                    .selfSign(CaKind.SIGNING, keys.generateRsa2048("bench-ca"), BigInteger.ONE);
            Files.write(work.resolve("bench-ca.der"), ca.certificate().getEncoded());
            List<Figure> figures = args[0].equals("single") ? single(ca, Long.parseLong(args[1]), work)
                    : partitions(ca, Integer.parseInt(args[1]), Long.parseLong(args[2]), work);
            ResultFile.writeIfRequested(CrlBenchmark.class, args, figures);
        }
    }

    private static List<Figure> single(CertificateAuthority ca, long count, Path work) throws Exception {
        Path out = work.resolve("single.crl");
        CrlScope scope = chiyoda();
        Instant now = Instant.now();
        long started = System.nanoTime();
        CrlSize size;
        try (StreamingCrlWriter writer = new StreamingCrlWriter(work.resolve("spool"));
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            SecureRandom serials = new SecureRandom();
            for (long i = 0; i < count; i++) {
                writer.add(entry(serials, now, i));
            }
            size = writer.finish(frame(ca, scope, now), ca.key(), file);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long hashStarted = System.nanoTime();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(out)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        double hashSeconds = (System.nanoTime() - hashStarted) / 1e9;

        System.out.printf("entries=%d bytes=%d seconds=%.2f entries_per_s=%.0f MB_per_s=%.1f%n", size.entries(),
                size.bytes(), seconds, size.entries() / seconds, size.bytes() / seconds / 1e6);
        System.out.printf("baseline_sha256_reread_seconds=%.2f ratio_to_baseline=%.1f%n", hashSeconds, seconds / hashSeconds);
        String run = String.format("one CRL of %,d entries", size.entries());
        return List.of(Figure.of(run + ": encode, sign, write", "s", seconds)
                        .withBaseline("SHA-256 of the finished file re-read from disk", hashSeconds),
                Figure.of(run + ": entries per second", "entries/s", size.entries() / seconds),
                heap(run));
    }

    private static List<Figure> partitions(CertificateAuthority ca, int partitions, long total, Path work)
            throws Exception {
        CrlDirectory directory = new CrlDirectory(work.resolve("crl"), 2);
        CrlBaseUrl base = new CrlBaseUrl("http://crl.shomei.example");
        long perPartition = total / partitions;
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong entries = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Instant now = Instant.now();
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String code = municipalityCode(p);
            long count = perPartition + (p < total % partitions ? 1 : 0);
            running.add(pool.submit(() -> {
                CrlScope scope = CrlScope.of(CaKind.SIGNING, CrlPartition.forSigning(
                        new Municipality(code, "県", "市", "Ken", "City " + code), base));
                SecureRandom serials = new SecureRandom();
                directory.publish(CaKind.SIGNING, code, CrlVariant.FULL, 1, now, now.plus(Duration.ofDays(1)), out -> {
                    try (StreamingCrlWriter writer = new StreamingCrlWriter(directory.spoolDirectory())) {
                        for (long i = 0; i < count; i++) {
                            writer.add(entry(serials, now, i));
                        }
                        CrlSize size = writer.finish(frame(ca, scope, now), ca.key(), out);
                        entries.addAndGet(size.entries());
                        bytes.addAndGet(size.bytes());
                        return size;
                    }
                });
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("partitions=%d workers=%d entries=%d bytes=%d seconds=%.2f entries_per_s=%.0f%n", partitions,
                workers, entries.get(), bytes.get(), seconds, entries.get() / seconds);
        String run = String.format("%,d partitions, %,d entries in all", partitions, entries.get());
        return List.of(Figure.of(run + ": encode, sign, publish", "s", seconds),
                Figure.of(run + ": entries per second", "entries/s", entries.get() / seconds),
                heap(run));
    }

    private static RevokedEntry entry(SecureRandom serials, Instant now, long i) {
        Instant revoked = now.minusSeconds(i % 31_536_000);
        return new RevokedEntry(new BigInteger(127, serials).setBit(126), revoked,
                Optional.of(CRLReason.affiliationChanged), Optional.of(revoked));
    }

    private static CrlFrame frame(CertificateAuthority ca, CrlScope scope, Instant now) {
        return new CrlFrame(ca.certificate().getSubject(), now, now.plus(Duration.ofDays(1)),
                new CrlExtensionsFactory(ca.certificate()).full(scope, 1));
    }

    private static CrlScope chiyoda() {
        return CrlScope.of(CaKind.SIGNING, CrlPartition.forSigning(
                new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku"), new CrlBaseUrl("http://crl.shomei.example")));
    }

    /** Distinct six-digit codes with a valid check digit. */
    private static String municipalityCode(int index) {
        String five = String.format("%05d", 10_000 + index);
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (five.charAt(i) - '0') * (6 - i);
        }
        return five + (11 - sum % 11) % 10;
    }

    /** Peak heap used, against the heap cap of the run (-Xmx) as its baseline. */
    private static Figure heap(String run) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf("max_heap_MB=%d peak_heap_used_MB=%d%n", max >> 20, peak >> 20);
        return Figure.of(run + ": peak heap used", "MB", peak >> 20).withBaseline("maximum heap (-Xmx)", max >> 20);
    }
}
