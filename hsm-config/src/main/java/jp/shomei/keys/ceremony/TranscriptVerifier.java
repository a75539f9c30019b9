package jp.shomei.keys.ceremony;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Checks a {@link Transcript}: every entry's hash, every link to the entry before, and the final signature. */
public final class TranscriptVerifier {

    /**
     * A transcript that checked out.
     *
     * @param entries how many entries it holds, the key entry included
     * @param signer the key that signed it; callers compare it with the key they expect
     */
    public record Verified(int entries, PublicKey signer) {
    }

    private TranscriptVerifier() {
    }

    /** @throws CeremonyException naming the first entry (or line) that does not check out */
    public static Verified verify(Path path) {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new CeremonyException("The transcript " + path + " is not valid UTF-8: it has been altered");
        } catch (IOException e) {
            throw new CeremonyException("Cannot read the transcript " + path + ": " + e.getMessage(), e);
        }
        if (!content.endsWith("\n")) {
            throw new CeremonyException("The transcript does not end with a complete line: it was cut short or altered");
        }
        List<String> lines = List.of(content.substring(0, content.length() - 1).split("\n", -1));
        String previousHash = Transcript.GENESIS;
        String lastText = null;
        int entries = 0;
        for (String line : lines.subList(0, lines.size() - 1)) {
            int number = entries + 1;
            String[] fields = line.split("\t", 5);
            if (fields.length != 5) {
                throw new CeremonyException("Transcript entry " + number + " is malformed: it has been altered");
            }
            if (!fields[0].equals(Integer.toString(number))) {
                throw new CeremonyException("Transcript entry " + number + " is numbered '" + fields[0]
                        + "': entries were altered, removed or reordered");
            }
            if (!fields[2].equals(previousHash)) {
                throw new CeremonyException("Transcript entry " + number + " does not follow entry " + entries
                        + ": its previous-entry hash does not match");
            }
            if (!Transcript.hash(fields[0] + "\t" + fields[1] + "\t" + fields[2] + "\t" + fields[4]).equals(fields[3])) {
                throw new CeremonyException("Transcript entry " + number + " has been altered: its hash does not match its content");
            }
            previousHash = fields[3];
            lastText = fields[4];
            entries++;
        }
        String[] signature = lines.get(lines.size() - 1).split("\t", -1);
        if (signature.length != 3 || !signature[0].equals(Transcript.SIGNATURE_LINE)) {
            throw new CeremonyException("The transcript's last line is not its signature: the ceremony did not finish,"
                    + " or the transcript was cut short or altered");
        }
        if (lastText == null || !lastText.startsWith(Transcript.KEY_ENTRY)) {
            throw new CeremonyException("Transcript entry " + entries + " should name the signing key: it has been altered");
        }
        PublicKey signer = publicKey(lastText.substring(Transcript.KEY_ENTRY.length()), entries);
        if (!signature[1].equals(Transcript.SIGNATURE_ALGORITHM) || !signatureVerifies(signer, previousHash, signature[2])) {
            throw new CeremonyException("The transcript's signature does not verify with the key in entry " + entries
                    + ": the signature line has been altered");
        }
        return new Verified(entries, signer);
    }

    private static PublicKey publicKey(String base64, int entry) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CeremonyException("Transcript entry " + entry + " does not hold a valid RSA public key", e);
        }
    }

    private static boolean signatureVerifies(PublicKey signer, String lastHash, String base64) {
        try {
            Signature verifier = Signature.getInstance(Transcript.SIGNATURE_ALGORITHM);
            verifier.initVerify(signer);
            verifier.update(lastHash.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
