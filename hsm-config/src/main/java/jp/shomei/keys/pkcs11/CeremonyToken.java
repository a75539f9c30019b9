package jp.shomei.keys.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.DigestSigningKey;
import jp.shomei.keys.SignatureAlgorithm;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.ceremony.KeyBackup;
import jp.shomei.keys.ceremony.QuorumSecret;
import org.bouncycastle.operator.ContentSigner;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/**
 * One logged-in session on a token for the length of a key ceremony: generating CA keys that can
 * leave the HSM only wrapped, wrapping them for backup and unwrapping backups. Unlike the signing
 * pool it neither reconnects nor retries: a ceremony that meets a fault stops, and its transcript
 * shows where.
 *
 * <p>Why CA keys here are CKA_SENSITIVE and CKA_EXTRACTABLE: sensitive means no attribute of the
 * private key can be read in clear, so the only way out is C_WrapKey, which encrypts it under a
 * key the token holds; extractable is what permits that wrapping, which a backup needs. A
 * wrapping key can only be put on the token by someone logged in, and the user PIN is itself a
 * quorum secret, so exporting takes a quorum. CKA_WRAP_WITH_TRUSTED would narrow this further to
 * KEKs the security officer marked trusted; it needs the SO PIN in every backup ceremony and is
 * left for a later hardening (docs/ceremonies.md).
 */
public final class CeremonyToken implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LoggedInSession login;
    private final String tokenLabel;
    private final Session session;

    private CeremonyToken(LoggedInSession login) {
        this.login = login;
        this.tokenLabel = login.tokenLabel();
        this.session = login.session();
    }

    /**
     * Opens a read-write session on the token with this label and logs the user in.
     *
     * @param pin read, not kept; the caller wipes it
     * @throws KeySourceException if the module or token is missing or the PIN is refused
     */
    public static CeremonyToken open(Path modulePath, String tokenLabel, char[] pin) {
        return new CeremonyToken(LoggedInSession.open(modulePath, tokenLabel, pin));
    }

    /**
     * Generates an RSA-2048 CA key pair inside the token: private key sensitive, extractable only by
     * wrapping (see the class comment), usable only to sign; both halves share the label and a random CKA_ID.
     *
     * @throws KeySourceException if a key with this label exists already
     */
    public synchronized SigningKey generateCaKey(String label) {
        refuseExisting(label);
        try {
            PKCS11KeyPair pair = RsaKeys.generate(session, label, true);
            return key(label, pair.getPrivateKey(), RsaKeys.publicKey(session, pair.getPublicKey(), label, tokenLabel));
        } catch (PKCS11Exception e) {
            throw login.failure("generate key '" + label + "'", e);
        }
    }

    /** The key pair with this label, if the token holds one. */
    public synchronized Optional<SigningKey> key(String label) {
        return pair(label).map(found -> key(label, found.privateKey(), found.publicKey()));
    }

    /** A private key's handle in this session and the public key its signatures must verify with. */
    private record Pair(long privateKey, PublicKey publicKey) {
    }

    private Optional<Pair> pair(String label) {
        try {
            long[] privateKeys = session.findObjectsSingle(AttributeVector.newPrivateKey().label(label), 2);
            if (privateKeys.length == 0) {
                return Optional.empty();
            }
            if (privateKeys.length > 1) {
                throw new KeySourceException("PKCS#11 token '" + tokenLabel + "' holds more than one private key labelled '"
                        + label + "'");
            }
            byte[] id = session.getAttrValues(privateKeys[0], CKA_ID).id();
            long[] publicKeys = session.findObjectsSingle(AttributeVector.newPublicKey().id(id), 2);
            if (publicKeys.length != 1) {
                throw new KeySourceException("Key '" + label + "' on PKCS#11 token '" + tokenLabel + "' has "
                        + publicKeys.length + " public keys with its CKA_ID, where exactly one is needed");
            }
            return Optional.of(new Pair(privateKeys[0], RsaKeys.publicKey(session, publicKeys[0], label, tokenLabel)));
        } catch (PKCS11Exception e) {
            throw login.failure("find key '" + label + "'", e);
        }
    }

    /**
     * Wraps the private key with CKM_AES_KEY_WRAP_PAD under the quorum KEK. The KEK goes onto the
     * token as a session object only for the wrapping and is destroyed after it.
     */
    public synchronized KeyBackup exportBackup(String label, QuorumSecret kek) {
        Pair key = pair(label).orElseThrow(() -> new KeySourceException(
                "No key '" + label + "' on PKCS#11 token '" + tokenLabel + "' to back up"));
        long kekHandle = importKek(kek);
        try {
            byte[] id = session.getAttrValues(key.privateKey(), CKA_ID).id();
            byte[] wrapped = session.wrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), kekHandle, key.privateKey());
            return new KeyBackup(label, id, kek.commitment(), key.publicKey(), wrapped);
        } catch (PKCS11Exception e) {
            throw login.failure("wrap key '" + label + "'", e);
        } finally {
            login.destroyQuietly(kekHandle);
        }
    }

    /**
     * Unwraps a backup onto this token as a sensitive signing key with the backup's label and
     * CKA_ID, adds its public key, and proves the pair by a test signature before returning it.
     *
     * @throws KeySourceException if the label is taken, the KEK is not the one the backup names, the
     *     token refuses to unwrap, or the unwrapped key does not match the backup's public key (the objects are then removed)
     */
    public synchronized SigningKey restore(KeyBackup backup, QuorumSecret kek) {
        if (!backup.kekCommitment().equals(kek.commitment())) {
            throw new KeySourceException("The backup of '" + backup.label() + "' was wrapped under the KEK "
                    + backup.kekCommitment() + ", not under the KEK " + kek.commitment() + " rebuilt for this ceremony");
        }
        refuseExisting(backup.label());
        RSAPublicKey publicKey = (RSAPublicKey) backup.publicKey();
        long kekHandle = importKek(kek);
        long privateKey;
        try {
            AttributeVector template = AttributeVector.newPrivateKey(CKK_RSA).token(true).private_(true)
                    .label(backup.label()).id(backup.id()).sensitive(true).extractable(true)
                    .sign(true).decrypt(false).unwrap(false);
            privateKey = session.unwrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), kekHandle, backup.wrapped(), template);
        } catch (PKCS11Exception e) {
            throw login.failure("unwrap the backup of '" + backup.label() + "'", e);
        } finally {
            login.destroyQuietly(kekHandle);
        }
        long publicHandle;
        try {
            publicHandle = session.createObject(AttributeVector.newPublicKey(CKK_RSA).token(true).private_(false)
                    .label(backup.label()).id(backup.id()).verify(true).encrypt(false).wrap(false)
                    .modulus(publicKey.getModulus()).publicExponent(publicKey.getPublicExponent()));
        } catch (PKCS11Exception e) {
            login.destroyQuietly(privateKey);
            throw login.failure("store the public key of '" + backup.label() + "'", e);
        }
        SigningKey restored = key(backup.label(), privateKey, publicKey);
        if (!signsFor(restored)) {
            login.destroyQuietly(privateKey);
            login.destroyQuietly(publicHandle);
            throw new KeySourceException("The key unwrapped from the backup of '" + backup.label()
                    + "' does not match the backup's public key; it has been removed from token '" + tokenLabel + "'");
        }
        return restored;
    }

    // VerifyingContentSigner refuses a signature its public key does not verify, which is the test.
    private static boolean signsFor(SigningKey key) {
        byte[] message = new byte[32];
        RANDOM.nextBytes(message);
        ContentSigner signer = key.sha256WithRsa();
        try (var out = signer.getOutputStream()) {
            out.write(message);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            signer.getSignature();
            return true;
        } catch (KeySourceException e) {
            return false;
        }
    }

    private long importKek(QuorumSecret kek) {
        try {
            return session.createObject(AttributeVector.newAESSecretKey().token(false).private_(true).sensitive(true)
                    .extractable(false).wrap(true).unwrap(true).encrypt(false).decrypt(false).value(kek.bytes()));
        } catch (PKCS11Exception e) {
            throw login.failure("load the key-encryption key", e);
        }
    }

    private void refuseExisting(String label) {
        if (key(label).isPresent()) {
            throw new KeySourceException("Key '" + label + "' already exists on PKCS#11 token '" + tokenLabel
                    + "'; refusing to add a second key under the same label");
        }
    }

    private synchronized byte[] sign(long privateKey, SignatureAlgorithm algorithm, byte[] toSign)
            throws GeneralSecurityException {
        try {
            return session.signSingle(SigningMechanisms.of(algorithm), privateKey, toSign);
        } catch (PKCS11Exception e) {
            throw new GeneralSecurityException("PKCS#11 token '" + tokenLabel + "' refused to sign: " + e.getErrorName(), e);
        }
    }

    /** A key pair found or made in this session; signs through it, checking every signature. */
    private SigningKey key(String label, long privateKey, PublicKey publicKey) {
        return new DigestSigningKey(label, publicKey, (algorithm, toSign) -> sign(privateKey, algorithm, toSign),
                "ceremony key '" + label + "' on PKCS#11 token '" + tokenLabel + "'");
    }

    /** Closes the session, which logs the token out once no other session of this process remains. */
    @Override
    public synchronized void close() {
        login.close();
    }
}
