package jp.shomei.keys.ceremony;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * The witnessed record of a ceremony: one line per entry, each carrying the hash of the one before,
 * so no entry can be changed, removed or reordered without breaking every hash after it; signed
 * at the end, so the last hash cannot be recomputed by whoever edits the file.
 *
 * <p>An entry is {@code NUMBER TAB TIME TAB PREVIOUS-HASH TAB HASH TAB TEXT}; HASH is the SHA-256,
 * in hex, of the same line without its HASH field, and the first entry's PREVIOUS-HASH is 64 zeros.
 * Tabs, newlines and backslashes in TEXT are escaped. The last entry names the signing key
 * ({@value #KEY_ENTRY} and its SubjectPublicKeyInfo in base64), and the file ends with
 * {@code signature TAB SHA256withRSA TAB BASE64}: that key's signature over the last hash.
 *
 * <p>Each entry is forced to disk as it is written: a ceremony that fails half-way leaves an
 * unsigned transcript that still shows how far it got.
 */
public final class Transcript implements AutoCloseable {

    static final String GENESIS = "0".repeat(64);
    static final String KEY_ENTRY = "transcript-key ";
    static final String SIGNATURE_LINE = "signature";
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final FileChannel file;
    private final Clock clock;
    private String previousHash = GENESIS;
    private int entries;
    private boolean signed;

    private Transcript(FileChannel file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Starts a transcript in a new file; an existing file is never overwritten, since it may be evidence. */
    public static Transcript create(Path path, Clock clock) {
        try {
            return new Transcript(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), clock);
        } catch (IOException e) {
            throw new CeremonyException("Cannot create the transcript " + path + " (it must not exist yet): " + e, e);
        }
    }

    /** Appends an entry and returns it as written, for the witnesses' screen. */
    public String append(String text) {
        if (signed) {
            throw new CeremonyException("The transcript is signed; nothing can be added to it");
        }
        String unhashed = (entries + 1) + "\t" + clock.instant().truncatedTo(ChronoUnit.MILLIS) + "\t" + previousHash;
        String escaped = escape(text);
        String hash = hash(unhashed + "\t" + escaped);
        String line = unhashed + "\t" + hash + "\t" + escaped;
        write(line + "\n");
        entries++;
        previousHash = hash;
        return line;
    }

    /**
     * Records the signing key as the last entry and signs the chain with it.
     *
     * @return the signature line
     */
    public String sign(SigningKey key) {
        append(KEY_ENTRY + Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        ContentSigner signer = key.sha256WithRsa();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(previousHash.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = SIGNATURE_LINE + "\t" + SIGNATURE_ALGORITHM + "\t" + Base64.getEncoder().encodeToString(signer.getSignature());
        write(line + "\n");
        signed = true;
        return line;
    }

    private void write(String text) {
        try {
            var buffer = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            file.force(false);
        } catch (IOException e) {
            throw new CeremonyException("Cannot write to the transcript: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String unhashedLine) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(unhashedLine.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
