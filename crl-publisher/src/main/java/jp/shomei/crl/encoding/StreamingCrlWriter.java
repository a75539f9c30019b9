package jp.shomei.crl.encoding;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.operator.ContentSigner;

/**
 * Writes a signed X.509 CRL of any size in constant memory.
 *
 * <p>DER puts every length before its contents, and the TBSCertList's length depends on all its
 * entries, so entries are first encoded one by one into a spool file beside the output, counting
 * bytes. {@link #finish} then writes the CertificateList framing, streams the TBSCertList through the
 * signer's digest and into the output at once, and appends the signature. Memory holds one entry and
 * two buffers, whatever the number of entries.
 *
 * <p>Not thread-safe: one writer per CRL.
 */
public final class StreamingCrlWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 16;
    private static final byte[] VERSION_2 = der(new ASN1Integer(1));

    private final Path spool;
    private final OutputStream spoolOut;
    private long entries;
    private long entryBytes;
    private boolean finished;

    /** Starts a CRL whose entries are spooled in {@code spoolDirectory} (best on the output's disk). */
    public StreamingCrlWriter(Path spoolDirectory) {
        try {
            Files.createDirectories(spoolDirectory);
            this.spool = Files.createTempFile(spoolDirectory, "entries-", ".spool");
            this.spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a CRL spool file in " + spoolDirectory, e);
        }
    }

    /** Adds an entry; entries appear in the CRL in the order added. */
    public void add(RevokedEntry entry) {
        if (finished) {
            throw new IllegalStateException("this CRL is already finished");
        }
        byte[] der = RevokedEntryEncoder.encode(entry);
        try {
            spoolOut.write(der);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the CRL spool file " + spool, e);
        }
        entries++;
        entryBytes += der.length;
    }

    /**
     * Writes the whole signed CRL to {@code out} and returns its size. The signature covers the
     * TBSCertList exactly as written; the signing key verifies it before releasing it.
     */
    public CrlSize finish(CrlFrame frame, SigningKey key, OutputStream out) throws IOException {
        if (finished) {
            throw new IllegalStateException("this CRL is already finished");
        }
        finished = true;
        spoolOut.close();
        ContentSigner signer = key.sha256WithRsa();
        int signatureLength = signatureLength(key);

        byte[] algorithm = der(signer.getAlgorithmIdentifier());
        byte[] head = concat(VERSION_2, algorithm, der(frame.issuer()), der(DerTimes.time(frame.thisUpdate())),
                der(DerTimes.time(frame.nextUpdate())));
        // RFC 5280 5.1.2.6: with no entries, revokedCertificates is absent, not an empty SEQUENCE.
        byte[] entriesHeader = entries == 0 ? new byte[0] : DerHeader.of(DerHeader.SEQUENCE, entryBytes);
        byte[] extensions = der(new DERTaggedObject(true, 0, frame.extensions()));
        long tbsContent = head.length + entriesHeader.length + entryBytes + extensions.length;
        byte[] tbsHeader = DerHeader.of(DerHeader.SEQUENCE, tbsContent);
        byte[] signatureHeader = DerHeader.of(DerHeader.BIT_STRING, signatureLength + 1L);
        long listContent = tbsHeader.length + tbsContent + algorithm.length + signatureHeader.length + 1 + signatureLength;
        byte[] listHeader = DerHeader.of(DerHeader.SEQUENCE, listContent);

        OutputStream digest = signer.getOutputStream();
        out.write(listHeader);
        writeBoth(tbsHeader, out, digest);
        writeBoth(head, out, digest);
        writeBoth(entriesHeader, out, digest);
        try (InputStream spooled = Files.newInputStream(spool)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = spooled.read(buffer); n >= 0; n = spooled.read(buffer)) {
                out.write(buffer, 0, n);
                digest.write(buffer, 0, n);
            }
        }
        writeBoth(extensions, out, digest);
        byte[] signature = signer.getSignature();
        if (signature.length != signatureLength) {
            throw new IllegalStateException("key '" + key.label() + "' made a " + signature.length
                    + "-byte signature where its modulus promises " + signatureLength);
        }
        out.write(algorithm);
        out.write(signatureHeader);
        out.write(0); // no unused bits
        out.write(signature);
        return new CrlSize(entries, listHeader.length + listContent);
    }

    @Override
    public void close() {
        try {
            spoolOut.close();
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the CRL spool file " + spool, e);
        }
    }

    /** A PKCS#1 v1.5 signature is exactly as long as the modulus, known before signing. */
    private static int signatureLength(SigningKey key) {
        if (!(key.publicKey() instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("key '" + key.label() + "' is not an RSA key; CRLs are signed with sha256WithRSAEncryption");
        }
        return (rsa.getModulus().bitLength() + 7) / 8;
    }

    private static void writeBoth(byte[] bytes, OutputStream out, OutputStream digest) throws IOException {
        out.write(bytes);
        digest.write(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot DER-encode " + value.getClass().getSimpleName(), e);
        }
    }
}
