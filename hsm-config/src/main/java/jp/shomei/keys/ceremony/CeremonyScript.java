package jp.shomei.keys.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.shomei.keys.KeyLabel;
import jp.shomei.keys.KeySourceException;

/**
 * A ceremony script: a line-based file, one directive per line, blank lines and {@code #} comments
 * ignored, read in full and checked before anything else happens (see docs/ceremonies.md).
 *
 * <pre>
 * ceremony NAME...                      what the transcript calls this ceremony
 * module PATH                           the PKCS#11 library
 * token LABEL                           the token the steps run on
 * pin-quorum M COMMITMENT               the token PIN is rebuilt from M shares of this secret
 * kek-quorum M COMMITMENT               the backup key-encryption key likewise (needed by backup steps)
 * sign-transcript-with KEY              the key on the token that signs the transcript at the end
 * step generate-ca-key KEY
 * step self-sign KEY signing|authentication CERTIFICATE-FILE
 * step export-backup KEY BACKUP-FILE
 * step restore-backup BACKUP-FILE
 * step test-signature KEY CERTIFICATE-FILE
 * </pre>
 *
 * Relative paths are resolved against the script's directory, so a ceremony folder can be moved whole.
 */
public record CeremonyScript(String name, Path module, String tokenLabel, Quorum pinQuorum, Optional<Quorum> kekQuorum,
                             String transcriptKey, List<Step> steps) {

    /** M of the shares of the secret with this commitment are needed. */
    public record Quorum(int threshold, String commitment) {
    }

    /** One thing the ceremony does to the token, in script order. */
    public sealed interface Step {
        /** The step as the witnesses read it. */
        String describe();
    }

    /** Generates an RSA-2048 CA key pair inside the HSM: sensitive, extractable only by wrapping. */
    public record GenerateCaKey(String key) implements Step {
        public String describe() {
            return "generate CA key pair '" + key + "' (RSA-2048, sensitive, exportable only wrapped)";
        }
    }

    /** Self-signs the CA certificate of one of the two JPKI CAs with this key and writes it (DER). */
    public record SelfSign(String key, String profile, Path certificate) implements Step {
        public String describe() {
            return "self-sign the " + profile + " CA certificate with '" + key + "' into " + certificate.getFileName();
        }
    }

    /** Wraps the private key under the quorum key-encryption key into a backup file. */
    public record ExportBackup(String key, Path backup) implements Step {
        public String describe() {
            return "export '" + key + "' wrapped (CKM_AES_KEY_WRAP_PAD) under the quorum KEK into " + backup.getFileName();
        }
    }

    /** Unwraps a backup onto this token, as the same key label it was exported under. */
    public record RestoreBackup(Path backup) implements Step {
        public String describe() {
            return "restore the wrapped key in " + backup.getFileName() + " onto this token";
        }
    }

    /** Signs a fresh test message with the key and verifies it with the public key in a certificate. */
    public record TestSignature(String key, Path certificate) implements Step {
        public String describe() {
            return "test-sign with '" + key + "' and verify with the key certified in " + certificate.getFileName();
        }
    }

    /** The two profiles {@code self-sign} accepts, named as in JPKI: the signing and the user-authentication CA. */
    public static final List<String> PROFILES = List.of("signing", "authentication");

    /** @throws CeremonyException naming the line at fault */
    public static CeremonyScript read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CeremonyException("Cannot read the ceremony script " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        Builder script = new Builder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                script.directive(line.split("\\s+"), base);
            } catch (CeremonyException | KeySourceException e) {
                throw new CeremonyException(file.getFileName() + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return script.build(file);
    }

    private static final class Builder {
        private String name;
        private Path module;
        private String token;
        private Quorum pin;
        private Quorum kek;
        private String transcriptKey;
        private final List<Step> steps = new ArrayList<>();

        void directive(String[] words, Path base) {
            switch (words[0]) {
                case "ceremony" -> name = rest(words, 1, "a name");
                case "module" -> module = base.resolve(arguments(words, 1)[0]);
                case "token" -> token = arguments(words, 1)[0];
                case "pin-quorum" -> pin = quorum(arguments(words, 2));
                case "kek-quorum" -> kek = quorum(arguments(words, 2));
                case "sign-transcript-with" -> transcriptKey = label(arguments(words, 1)[0]);
                case "step" -> steps.add(step(words, base));
                default -> throw new CeremonyException("unknown directive '" + words[0] + "'");
            }
        }

        private static Step step(String[] words, Path base) {
            if (words.length < 2) {
                throw new CeremonyException("'step' needs a step name");
            }
            String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
            return switch (words[1]) {
                case "generate-ca-key" -> new GenerateCaKey(label(arguments(args, 1)[0]));
                case "self-sign" -> {
                    String[] a = arguments(args, 3);
                    if (!PROFILES.contains(a[1])) {
                        throw new CeremonyException("self-sign profile must be one of " + PROFILES + ", got '" + a[1] + "'");
                    }
                    yield new SelfSign(label(a[0]), a[1], base.resolve(a[2]));
                }
                case "export-backup" -> new ExportBackup(label(arguments(args, 2)[0]), base.resolve(args[2]));
                case "restore-backup" -> new RestoreBackup(base.resolve(arguments(args, 1)[0]));
                case "test-signature" -> new TestSignature(label(arguments(args, 2)[0]), base.resolve(args[2]));
                default -> throw new CeremonyException("unknown step '" + words[1] + "'");
            };
        }

        private static String[] arguments(String[] words, int count) {
            if (words.length != count + 1) {
                throw new CeremonyException("'" + words[0] + "' takes " + count + " argument" + (count == 1 ? "" : "s")
                        + ", got " + (words.length - 1));
            }
            return java.util.Arrays.copyOfRange(words, 1, words.length);
        }

        private static String rest(String[] words, int from, String what) {
            if (words.length <= from) {
                throw new CeremonyException("'" + words[0] + "' needs " + what);
            }
            return String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length));
        }

        private static Quorum quorum(String[] args) {
            int threshold;
            try {
                threshold = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                throw new CeremonyException("quorum size '" + args[0] + "' is not a number");
            }
            // A quorum of one is one person acting alone, which is what a ceremony exists to prevent.
            if (threshold < 2) {
                throw new CeremonyException("a quorum needs at least 2 operators, got " + threshold);
            }
            if (!args[1].matches("[0-9a-f]{32}")) {
                throw new CeremonyException("a secret commitment is 32 lowercase hex digits, as 'shomei ceremony split' prints");
            }
            return new Quorum(threshold, args[1]);
        }

        private static String label(String label) {
            return new KeyLabel(label).value();
        }

        CeremonyScript build(Path file) {
            List<String> missing = new ArrayList<>();
            if (name == null) missing.add("ceremony");
            if (module == null) missing.add("module");
            if (token == null) missing.add("token");
            if (pin == null) missing.add("pin-quorum");
            if (transcriptKey == null) missing.add("sign-transcript-with");
            if (!missing.isEmpty()) {
                throw new CeremonyException(file.getFileName() + " lacks " + String.join(", ", missing));
            }
            if (steps.isEmpty()) {
                throw new CeremonyException(file.getFileName() + " has no steps");
            }
            boolean needsKek = steps.stream().anyMatch(step -> step instanceof ExportBackup || step instanceof RestoreBackup);
            if (needsKek && kek == null) {
                throw new CeremonyException(file.getFileName() + " exports or restores a backup but declares no kek-quorum");
            }
            return new CeremonyScript(name, module, token, pin, Optional.ofNullable(kek), transcriptKey, List.copyOf(steps));
        }
    }
}
