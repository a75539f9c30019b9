package jp.shomei.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default key source: each key is an encrypted PKCS#8 PEM file
 * {@code <directory>/<label>.key.pem} under one passphrase, readable with
 * {@code openssl pkey -passin}. Keys are decrypted on first use and then kept in memory.
 */
public final class SoftwareKeySource implements KeySource {

    private static final String SUFFIX = ".key.pem";

    private final Path directory;
    private final char[] passphrase;
    /** Read without locking on the signing path; filled and emptied under the instance lock. */
    private final Map<String, SigningKey> loaded = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * Creates the directory (rwx------) if it is absent. The passphrase is copied: the caller may
     * wipe its array at once, and {@link #close()} wipes the copy.
     */
    public SoftwareKeySource(Path directory, char[] passphrase) {
        if (passphrase.length == 0) {
            throw new KeySourceException("The software key store needs a non-empty passphrase");
        }
        this.directory = directory.toAbsolutePath();
        this.passphrase = passphrase.clone();
        try {
            SecretFiles.createPrivateDirectories(this.directory);
        } catch (IOException e) {
            throw new KeySourceException("Cannot create key directory " + this.directory, e);
        }
    }

    /** @throws KeySourceException if the label is malformed or the key file cannot be read or decrypted */
    @Override
    public Optional<SigningKey> find(String label) {
        String name = new KeyLabel(label).value();
        SigningKey cached = loaded.get(name);
        return cached != null ? Optional.of(cached) : load(name);
    }

    private synchronized Optional<SigningKey> load(String label) {
        requireOpen();
        SigningKey key = loaded.get(label);
        if (key == null) {
            Path file = fileOf(label);
            byte[] pem;
            try {
                pem = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new KeySourceException("Cannot read key file " + file, e);
            }
            key = SoftwareSigningKey.fromPrivateKey(label, EncryptedKeyPem.decode(pem, passphrase, file.toString()));
            loaded.put(label, key);
        }
        return Optional.of(key);
    }

    /** @throws KeySourceException if the label is malformed or a key file with this label exists */
    @Override
    public synchronized SigningKey generateRsa2048(String label) {
        requireOpen();
        String name = new KeyLabel(label).value();
        Path file = fileOf(name);
        KeyPair pair = newRsa2048();
        try {
            SecretFiles.writeNew(file, EncryptedKeyPem.encode(pair.getPrivate(), passphrase));
        } catch (FileAlreadyExistsException e) {
            throw new KeySourceException("Key '" + name + "' already exists (" + file + "); refusing to replace it", e);
        } catch (IOException e) {
            throw new KeySourceException("Cannot write key file " + file, e);
        }
        SigningKey key = SoftwareSigningKey.of(name, pair.getPublic(), pair.getPrivate());
        loaded.put(name, key);
        return key;
    }

    @Override
    public String describe() {
        return "software key store in " + directory;
    }

    /** Wipes the passphrase and forgets loaded keys; keys already handed out keep working. */
    @Override
    public synchronized void close() {
        closed = true;
        Arrays.fill(passphrase, '\0');
        loaded.clear();
    }

    private void requireOpen() {
        if (closed) {
            throw new KeySourceException("The " + describe() + " is closed");
        }
    }

    private Path fileOf(String label) {
        return directory.resolve(label + SUFFIX);
    }

    private static KeyPair newRsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot generate an RSA-2048 key pair", e);
        }
    }
}
