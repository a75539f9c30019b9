package jp.shomei.keys.device;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A key pair generated on a resident's device token: its label and CKA_ID, which the certificate
 * written back will carry too, and its public key. The private key never leaves the token; the
 * handle that names it is valid only in the {@link DeviceToken} session that made or found it.
 */
public final class DeviceKey {

    private final String label;
    private final byte[] id;
    private final PublicKey publicKey;
    private final long privateKeyHandle;

    DeviceKey(String label, byte[] id, PublicKey publicKey, long privateKeyHandle) {
        this.label = Objects.requireNonNull(label, "label");
        this.id = id.clone();
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKeyHandle = privateKeyHandle;
    }

    public String label() {
        return label;
    }

    /** The CKA_ID shared by the private key, the public key and the certificate. */
    public byte[] id() {
        return id.clone();
    }

    /** The CKA_ID in lower-case hex, as pkcs11-tool prints it. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    long privateKeyHandle() {
        return privateKeyHandle;
    }

    @Override
    public String toString() {
        return "device key '" + label + "' (CKA_ID " + idHex() + ")";
    }
}
