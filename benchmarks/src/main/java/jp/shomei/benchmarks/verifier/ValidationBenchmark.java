package jp.shomei.benchmarks.verifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.benchmarks.ocsp.BenchmarkCa;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.verifier.VerifierClass;
import jp.shomei.verifier.validation.CertificateValidator;
import jp.shomei.verifier.validation.TrustAnchors;
import jp.shomei.verifier.validation.Validation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
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
 * What one verifier validation costs in process: the JDK PKIX path validation of a signing
 * certificate against every CA generation of its class, the JPKI profile checks, and its status read
 * from the store (embedded H2). The baseline in the same run is the JDK's raw RSA-2048 verification
 * of the same certificate's signature, the one public-key operation a validation cannot avoid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ValidationBenchmark {

    private Path work;
    private BenchmarkCa ca;
    private CertificateValidator validator;
    private X509Certificate certificate;
    private PublicKey caKey;

    @Setup
    public void issue() throws Exception {
        work = Files.createTempDirectory("shomei-validation-bench");
        ca = BenchmarkCa.start(work, Clock.systemUTC());
        validator = new CertificateValidator(new TrustAnchors(ca.authorities()), ca.store(), Clock.systemUTC());
        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.enroll(CaKind.SIGNING).der()));
        caKey = new JcaX509CertificateConverter().getCertificate(ca.authorities().issuing(CaKind.SIGNING).authority()
                .certificate()).getPublicKey();
        if (!validatePathAndStatus().valid()) {
            throw new IllegalStateException("the benchmark certificate does not validate");
        }
    }

    @TearDown
    public void remove() throws IOException {
        ca.store().close();
        ca.keys().close();
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Benchmark
    public Validation validatePathAndStatus() {
        return validator.validate(VerifierClass.SIGNATURE, List.of(certificate), Optional.empty());
    }

    @Benchmark
    public boolean rawRsa2048Verification() throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(caKey);
        signature.update(certificate.getTBSCertificate());
        return signature.verify(certificate.getSignature());
    }
}
