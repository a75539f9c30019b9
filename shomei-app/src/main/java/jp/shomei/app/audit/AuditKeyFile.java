package jp.shomei.app.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The audit key's public half as a PEM file outside the database: {@code shomei audit verify} checks
 * checkpoints against it, so someone who can rewrite the database cannot also swap the key that
 * vouches for it, and an auditor needs no access to the key source.
 */
public final class AuditKeyFile {

    private AuditKeyFile() {
    }

    /** Where the server keeps it inside the data directory. */
    public static Path in(Path dataDirectory) {
        return dataDirectory.resolve("audit").resolve("audit-key.pem");
    }

    /** Writes the key, or checks that the file already holds exactly this key. */
    static void writeOrCheck(Path file, PublicKey key, String describedKey) {
        String pem = pem(key);
        try {
            if (Files.exists(file)) {
                if (!read(file).equals(key)) {
                    throw new IllegalStateException(file + " holds another public key than " + describedKey
                            + "; checkpoints made now could not be verified against it");
                }
                return;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit public key to " + file, e);
        }
    }

    public static PublicKey read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (!(object instanceof SubjectPublicKeyInfo info)) {
                throw new IOException(file + " does not hold a PEM public key");
            }
            return new JcaPEMKeyConverter().getPublicKey(info);
        }
    }

    private static String pem(PublicKey key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
