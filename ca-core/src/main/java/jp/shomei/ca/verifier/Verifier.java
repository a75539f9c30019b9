package jp.shomei.ca.verifier;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered relying party: who it is, which certificates it may see, the one purpose it stated
 * for basic-four disclosure, the client certificate it authenticates with (by SHA-256 fingerprint of
 * the DER), and how many requests a second it may make.
 */
public record Verifier(String id, VerifierClass verifierClass, String purpose, String certificateSha256,
                       int requestsPerSecond, Instant registeredAt) {

    public static final int MAX_PURPOSE_LENGTH = 200;

    public Verifier {
        Objects.requireNonNull(verifierClass, "verifierClass");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("verifier id must be 1-64 lowercase letters, digits or '-', got '" + id + "'");
        }
        if (purpose == null || purpose.isBlank() || purpose.length() > MAX_PURPOSE_LENGTH) {
            throw new IllegalArgumentException("purpose must be 1-" + MAX_PURPOSE_LENGTH + " characters");
        }
        if (certificateSha256 == null || !certificateSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("certificate fingerprint must be 64 lowercase hex digits");
        }
        if (requestsPerSecond < 1 || requestsPerSecond > 100_000) {
            throw new IllegalArgumentException("requests per second must be 1..100000, got " + requestsPerSecond);
        }
    }

    /** How the audit log names this verifier. */
    public String auditName() {
        return "verifier:" + id;
    }
}
