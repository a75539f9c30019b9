package jp.shomei.keys.ceremony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CA private key wrapped with CKM_AES_KEY_WRAP_PAD (RFC 5649) under a quorum key-encryption key,
 * with what a restore needs to put it back as the same key: its label, CKA_ID and public key.
 * Nothing in it is secret without the KEK, whose commitment it names so the right shares are asked for.
 *
 * <p>File form, one {@code name value} pair a line after a {@value #HEADER} line:
 * {@code label}, {@code id} (hex), {@code mechanism}, {@code kek} (commitment), {@code public-key}
 * (SubjectPublicKeyInfo, base64), {@code wrapped} (base64).
 */
public record KeyBackup(String label, byte[] id, String kekCommitment, PublicKey publicKey, byte[] wrapped) {

    static final String HEADER = "shomei-key-backup-v1";
    public static final String MECHANISM = "CKM_AES_KEY_WRAP_PAD";
    private static final List<String> FIELDS = List.of("label", "id", "mechanism", "kek", "public-key", "wrapped");

    /** Writes the backup to a new file; an existing backup is never overwritten. */
    public void write(Path file) {
        String text = HEADER + "\n"
                + "label " + label + "\n"
                + "id " + HexFormat.of().formatHex(id) + "\n"
                + "mechanism " + MECHANISM + "\n"
                + "kek " + kekCommitment + "\n"
                + "public-key " + Base64.getEncoder().encodeToString(publicKey.getEncoded()) + "\n"
                + "wrapped " + Base64.getEncoder().encodeToString(wrapped) + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new CeremonyException("Cannot write the key backup " + file + " (it must not exist yet): " + e, e);
        }
    }

    /** @throws CeremonyException if the file is not a complete, well-formed backup */
    public static KeyBackup read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CeremonyException("Cannot read the key backup " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new CeremonyException(file + " is not a " + HEADER + " key backup");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] pair = line.split(" ", 2);
            if (pair.length != 2 || !FIELDS.contains(pair[0]) || fields.put(pair[0], pair[1]) != null) {
                throw new CeremonyException("The key backup " + file + " has an unexpected line: it has been altered");
            }
        }
        if (!fields.keySet().containsAll(FIELDS)) {
            throw new CeremonyException("The key backup " + file + " lacks fields; it needs " + FIELDS);
        }
        if (!fields.get("mechanism").equals(MECHANISM)) {
            throw new CeremonyException("The key backup " + file + " was wrapped with " + fields.get("mechanism")
                    + "; only " + MECHANISM + " is supported");
        }
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(fields.get("public-key"))));
            return new KeyBackup(fields.get("label"), HexFormat.of().parseHex(fields.get("id")), fields.get("kek"),
                    publicKey, Base64.getDecoder().decode(fields.get("wrapped")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CeremonyException("The key backup " + file + " has a malformed field: " + e.getMessage(), e);
        }
    }
}
