package jp.shomei.crl.encoding;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.authority.TestAuthorities;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Run in a JVM of its own with a small heap by {@link StreamingCrlWriterTest}: writes a CRL of the
 * given number of entries and the CA certificate that verifies it.
 */
public final class ConstantMemoryProbe {

    private ConstantMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        Path caPem = Path.of(args[2]);
        Instant now = Instant.parse("2026-11-22T01:00:00Z");
        CertificateAuthority ca = TestAuthorities.create(CaKind.SIGNING, out.getParent().resolve("probe-keys"),
                Clock.fixed(now.minusSeconds(86400), ZoneOffset.UTC));
        OpenSsl.writePem(caPem.getParent(), caPem.getFileName().toString(), ca.certificate());
        try (StreamingCrlWriter writer = new StreamingCrlWriter(out.getParent());
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            BigInteger serial = BigInteger.ONE.shiftLeft(120);
            for (long i = 0; i < count; i++) {
                writer.add(new RevokedEntry(serial.add(BigInteger.valueOf(i)), now.minusSeconds(i),
                        Optional.of(CRLReason.affiliationChanged), Optional.of(now.minusSeconds(i))));
            }
            writer.finish(new CrlFrame(ca.certificate().getSubject(), now, now.plusSeconds(86400),
                    StreamingCrlWriterTest.crlExtensions(1)), ca.key(), file);
        }
    }
}
