package jp.shomei.ca.testsupport;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.SoftwareKeySource;

/**
 * A whole certificate authority for specifications: a real store, real keys (software or on a
 * token), both CAs, and a clock the test moves. Closing it closes the store; the key source belongs to the caller.
 */
public final class TestCa implements AutoCloseable {

    public static final Actor CHIYODA = new Actor("131016", "CN=Chiyoda-ku issuance system");
    public static final Actor MINATO = new Actor("131032", "CN=Minato-ku issuance system");
    public static final CrlBaseUrl CRL_BASE_URL = new CrlBaseUrl("http://127.0.0.1:8080");

    public final MutableClock clock;
    public final Store store;
    public final KeySource keys;
    public final CertificateAuthorities authorities;
    public final CaServices services;

    /**
     * A software key store under a passphrase made for this run. Share one between the tests of a
     * class: decrypting a key is deliberately slow, and the store caches what it decrypted.
     */
    public static SoftwareKeySource newKeySource(Path keyDirectory) {
        return new SoftwareKeySource(keyDirectory, randomPassphrase());
    }

    /** A CA over a fresh store; the first CA on a key source creates the CA keys, later ones reuse them. */
    public TestCa(DatabaseConfig database, KeySource keys, Instant start) {
        SecureRandom random = new SecureRandom();
        this.clock = new MutableClock(start);
        this.store = Store.open(database);
        this.keys = keys;
        this.authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                new SerialNumbers(random), clock).loadOrCreate();
        this.services = CaServices.create(store, authorities, CRL_BASE_URL, clock, random);
    }

    private static char[] randomPassphrase() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    @Override
    public void close() {
        store.close();
    }
}
