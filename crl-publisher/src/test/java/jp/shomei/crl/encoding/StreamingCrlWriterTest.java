package jp.shomei.crl.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.authority.OpenSsl;
import jp.shomei.ca.authority.TestAuthorities;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming encoder makes the same CRL Bouncy Castle's in-memory builder makes, in constant memory. */
class StreamingCrlWriterTest {

    private static final Instant THIS_UPDATE = Instant.parse("2026-11-22T01:00:00Z");
    private static final Instant NEXT_UPDATE = Instant.parse("2026-11-23T01:00:00Z");

    @TempDir
    static Path directory;
    static CertificateAuthority ca;
    static Path caPem;

    @BeforeAll
    static void createCa() {
        ca = TestAuthorities.create(CaKind.SIGNING, directory.resolve("keys"), Clock.fixed(THIS_UPDATE.minusSeconds(86400), ZoneOffset.UTC));
        caPem = OpenSsl.writePem(directory, "ca.pem", ca.certificate());
    }

    @Test
    void isByteForByteTheCrlBouncyCastlesInMemoryBuilderMakes() throws Exception {
        List<RevokedEntry> entries = variedEntries(500);
        Extensions extensions = crlExtensions(42);

        byte[] streamed = stream(entries, extensions);

        X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.certificate().getSubject(), new Time(Date.from(THIS_UPDATE)));
        builder.setNextUpdate(new Time(Date.from(NEXT_UPDATE)));
        for (RevokedEntry entry : entries) {
            ExtensionsGenerator entryExtensions = new ExtensionsGenerator();
            entry.reason().ifPresent(code -> addExtension(entryExtensions, Extension.reasonCode, CRLReason.lookup(code)));
            entry.invalidityDate().ifPresent(date -> addExtension(entryExtensions, Extension.invalidityDate,
                    new ASN1GeneralizedTime(Date.from(date))));
            builder.addCRLEntry(entry.serial(), Date.from(entry.revocationDate()),
                    entryExtensions.isEmpty() ? null : entryExtensions.generate());
        }
        for (Extension extension : extensionList(extensions)) {
            builder.addExtension(extension);
        }
        byte[] inMemory = builder.build(ca.key().sha256WithRsa()).getEncoded();

        assertThat(streamed).isEqualTo(inMemory);
    }

    @Test
    void bouncyCastleReadsEveryEntryBackAndTheSignatureVerifies() throws Exception {
        List<RevokedEntry> entries = variedEntries(300);
        X509CRLHolder crl = new X509CRLHolder(stream(entries, crlExtensions(7)));

        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.certificate()))).isTrue();
        assertThat(crl.getIssuer()).isEqualTo(ca.certificate().getSubject());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(THIS_UPDATE);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NEXT_UPDATE);
        assertThat(CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber())
                .isEqualTo(BigInteger.valueOf(7));
        List<X509CRLEntryHolder> read = entriesOf(crl);
        assertThat(read).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RevokedEntry expected = entries.get(i);
            X509CRLEntryHolder actual = read.get(i);
            assertThat(actual.getSerialNumber()).isEqualTo(expected.serial());
            assertThat(actual.getRevocationDate().toInstant()).isEqualTo(expected.revocationDate());
            Extension reason = actual.getExtension(Extension.reasonCode);
            assertThat(Optional.ofNullable(reason).map(r -> CRLReason.getInstance(r.getParsedValue()).getValue().intValue()))
                    .isEqualTo(expected.reason());
            Extension invalidity = actual.getExtension(Extension.invalidityDate);
            assertThat(Optional.ofNullable(invalidity).map(e -> toInstant(e)))
                    .isEqualTo(expected.invalidityDate());
        }
    }

    @Test
    void aCrlWithoutEntriesLeavesOutRevokedCertificatesAndStillVerifies() throws Exception {
        byte[] der = stream(List.of(), crlExtensions(1));
        X509CRLHolder crl = new X509CRLHolder(der);
        assertThat(crl.getRevokedCertificates().isEmpty()).isTrue();
        assertThat(crl.toASN1Structure().getTBSCertList().toASN1Primitive().toString()).doesNotContain("[]");
        Path file = Files.write(directory.resolve("empty.crl"), der);
        OpenSsl.Outcome verified = OpenSsl.run(directory, "crl", "-inform", "DER", "-in", file.toString(),
                "-CAfile", caPem.toString(), "-noout");
        assertThat(verified.exitCode()).as(verified.errors()).isZero();
        assertThat(verified.errors() + verified.output()).contains("verify OK");
    }

    @Test
    void opensslVerifiesTheSignatureAndListsEveryEntry() throws Exception {
        List<RevokedEntry> entries = variedEntries(2000);
        Path file = Files.write(directory.resolve("varied.crl"), stream(entries, crlExtensions(3)));

        OpenSsl.Outcome verified = OpenSsl.run(directory, "crl", "-inform", "DER", "-in", file.toString(),
                "-CAfile", caPem.toString(), "-noout");
        assertThat(verified.exitCode()).as(verified.errors()).isZero();
        assertThat(verified.errors() + verified.output()).contains("verify OK");

        String text = OpenSsl.succeed(directory, "crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
        assertThat(text.lines().filter(line -> line.strip().startsWith("Serial Number:")).count()).isEqualTo(2000);
        assertThat(text).contains("Certificate Hold").contains("Key Compromise").contains("Affiliation Changed")
                .contains("Invalidity Date").contains("X509v3 CRL Number: \n                3");
    }

    @Test
    void opensslRejectsACrlWhoseContentWasAlteredAfterSigning() throws Exception {
        byte[] der = stream(variedEntries(10), crlExtensions(3));
        der[der.length / 2] ^= 0x01;
        Path file = Files.write(directory.resolve("altered.crl"), der);
        OpenSsl.Outcome verified = OpenSsl.run(directory, "crl", "-inform", "DER", "-in", file.toString(),
                "-CAfile", caPem.toString(), "-noout");
        assertThat(verified.errors() + verified.output()).doesNotContain("verify OK");
    }

    /**
     * A million entries in a JVM whose heap is 24 MB: Bouncy Castle's in-memory builder would need
     * several hundred MB for the same CRL. The result is then checked by openssl.
     */
    @Test
    void aMillionEntriesFitInATwentyFourMegabyteHeap() throws Exception {
        Path out = directory.resolve("million.crl");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), ConstantMemoryProbe.class.getName(),
                "1000000", out.toString(), caPem.getParent().resolve("probe-ca.pem").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("probe.log").toFile()).start();
        assertThat(probe.waitFor(300, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(probe.exitValue()).as(Files.readString(directory.resolve("probe.log"))).isZero();

        OpenSsl.Outcome verified = OpenSsl.run(directory, "crl", "-inform", "DER", "-in", out.toString(),
                "-CAfile", directory.resolve("probe-ca.pem").toString(), "-noout");
        assertThat(verified.errors() + verified.output()).contains("verify OK");
        assertThat(OpenSsl.succeed(directory, "crl", "-inform", "DER", "-in", out.toString(), "-noout", "-crlnumber"))
                .contains("crlNumber=0x01");
    }

    private byte[] stream(List<RevokedEntry> entries, Extensions extensions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamingCrlWriter writer = new StreamingCrlWriter(directory.resolve("spool"))) {
            entries.forEach(writer::add);
            CrlSize size = writer.finish(new CrlFrame(ca.certificate().getSubject(), THIS_UPDATE, NEXT_UPDATE, extensions),
                    ca.key(), out);
            assertThat(size.entries()).isEqualTo(entries.size());
            assertThat(size.bytes()).isEqualTo(out.size());
        }
        try (var spool = Files.list(directory.resolve("spool"))) {
            assertThat(spool).as("spool files are removed").isEmpty();
        }
        return out.toByteArray();
    }

    /** Short and 20-byte serials, every reason, holds, no reason, invalidity dates, and dates past 2049. */
    static List<RevokedEntry> variedEntries(int count) {
        int[] reasons = {CRLReason.keyCompromise, CRLReason.affiliationChanged, CRLReason.superseded,
            CRLReason.cessationOfOperation, CRLReason.certificateHold, CRLReason.privilegeWithdrawn, CRLReason.removeFromCRL};
        List<RevokedEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigInteger serial = i % 3 == 0 ? BigInteger.valueOf(i + 1) : BigInteger.ONE.shiftLeft(159).add(BigInteger.valueOf(i));
            Instant revoked = i % 50 == 0 ? Instant.parse("2051-01-01T00:00:00Z").plusSeconds(i)
                    : THIS_UPDATE.minusSeconds(1000L * i);
            Optional<Integer> reason = i % 8 == 7 ? Optional.empty() : Optional.of(reasons[i % reasons.length]);
            Optional<Instant> invalidity = i % 2 == 0 ? Optional.of(revoked.minusSeconds(3600)) : Optional.empty();
            entries.add(new RevokedEntry(serial, revoked, reason, invalidity));
        }
        return entries;
    }

    static Extensions crlExtensions(long crlNumber) {
        ExtensionsGenerator generator = new ExtensionsGenerator();
        addExtension(generator, Extension.cRLNumber, new CRLNumber(BigInteger.valueOf(crlNumber)));
        return generator.generate();
    }

    private static List<Extension> extensionList(Extensions extensions) {
        List<Extension> list = new ArrayList<>();
        for (var oid : extensions.getExtensionOIDs()) {
            list.add(extensions.getExtension(oid));
        }
        return list;
    }

    private static void addExtension(ExtensionsGenerator generator, org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
                                     org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            generator.addExtension(oid, false, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant toInstant(Extension extension) {
        try {
            return ASN1GeneralizedTime.getInstance(DEROctetString.getInstance(extension.getExtnValue()).getOctets())
                    .getDate().toInstant();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Bouncy Castle hands the entries out as a raw collection. */
    @SuppressWarnings("unchecked")
    private static List<X509CRLEntryHolder> entriesOf(X509CRLHolder crl) {
        return new ArrayList<>(crl.getRevokedCertificates());
    }
}
