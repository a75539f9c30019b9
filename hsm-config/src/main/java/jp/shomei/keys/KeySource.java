package jp.shomei.keys;

import java.util.Optional;

/**
 * Where the CA's private keys live. Everything that signs in Shomei asks a key source for a
 * {@link SigningKey} by label, so moving keys from the software store to an HSM is a matter of
 * configuration alone.
 */
public interface KeySource extends AutoCloseable {

    /** The key with this label, if the source holds one. */
    Optional<SigningKey> find(String label);

    /**
     * Generates a new RSA-2048 key pair under this label inside the source.
     *
     * @throws KeySourceException if a key with this label already exists or generation fails
     */
    SigningKey generateRsa2048(String label);

    /** A short description for logs and health output, for example the token or directory; never a secret. */
    String describe();

    /**
     * Why the source cannot sign right now, for health checks; empty when it can. A source that
     * reconnects by itself (an HSM) may try to here. The reason names tokens and error codes, never secrets.
     */
    default Optional<String> unhealthyReason() {
        return Optional.empty();
    }

    @Override
    void close();
}
