package jp.shomei.benchmarks.ocsp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.SoftwareKeySource;
import org.bouncycastle.operator.ContentSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw signing rate of the kind of key that signs nonce responses: a software RSA-2048 key from the
 * key source, through the same verifying ContentSigner, over a body the size of an OCSP tbsResponseData.
 * The ceiling for nonce requests per second; run with {@code -t 2} on the two cores. Beside it, the raw
 * verification rate of the same key's signature (JDK {@code SHA256withRSA}), the one public-key operation a
 * relying party or a validation cannot avoid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class OcspSigningBenchmark {

    private final byte[] tbsResponseData = new byte[250];
    private Path directory;
    private SoftwareKeySource keys;
    private SigningKey key;
    private byte[] signature;

    @Setup
    public void createKey() throws IOException {
        directory = Files.createTempDirectory("shomei-signing-bench");
        keys = new SoftwareKeySource(directory, Long.toHexString(System.nanoTime()).toCharArray());
        key = keys.generateRsa2048("bench-signer");
        signature = rawSignature();
    }

    @TearDown
    public void removeKey() throws IOException {
        keys.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Benchmark
    public byte[] rawSignature() {
        ContentSigner signer = key.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsResponseData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signer.getSignature();
    }

    @Benchmark
    public boolean rawVerification() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key.publicKey());
        verifier.update(tbsResponseData);
        return verifier.verify(signature);
    }
}
