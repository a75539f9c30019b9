package jp.shomei.ca.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.lifecycle.CaServices;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoredCaCertificate;
import jp.shomei.keys.SigningKey;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.SoftwareKeySource;
import jp.shomei.keys.testsupport.MutableClock;
import org.bouncycastle.cert.X509CertificateHolder;

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
    public CertificateAuthorities authorities;
    public CaServices services;
    private final SecureRandom random = new SecureRandom();

    /**
     * A software key store under a passphrase made for this run. Share one between the tests of a
     * class: decrypting a key is deliberately slow, and the store caches what it decrypted.
     */
    public static SoftwareKeySource newKeySource(Path keyDirectory) {
        return new SoftwareKeySource(keyDirectory, randomPassphrase());
    }

    /** A CA over a fresh store; the first CA on a key source creates the CA keys, later ones reuse them. */
    public TestCa(DatabaseConfig database, KeySource keys, Instant start) {
        this.clock = new MutableClock(start);
        this.store = Store.open(database);
        this.keys = keys;
        this.authorities = new AuthorityBootstrap(store, keys, new CaCertificateFactory(clock),
                new SerialNumbers(random), clock).loadOrCreate();
        this.services = CaServices.create(store, authorities, CRL_BASE_URL, clock, random);
    }

    /**
     * Adds a new generation of both CAs, valid from the clock's present, and rewires the services to
     * issue from it: how a specification spanning decades keeps a CA that outlives what it issues.
     */
    public void rollOver() {
        CaCertificateFactory factory = new CaCertificateFactory(clock);
        for (CaKind kind : CaKind.values()) {
            int generation = authorities.issuing(kind).number() + 1;
            String label = "ca-" + kind.pathName() + "-" + generation;
            SigningKey key = keys.find(label).orElseGet(() -> keys.generateRsa2048(label));
            BigInteger serial = new SerialNumbers(random).next();
            byte[] der = encoded(factory.selfSign(kind, key, serial).certificate());
            store.write(tx -> {
                tx.insertCaCertificate(new StoredCaCertificate(kind, generation, label, der, clock.instant()), serial);
                return null;
            });
        }
        this.authorities = new AuthorityBootstrap(store, keys, factory, new SerialNumbers(random), clock)
                .loadOrCreate();
        this.services = CaServices.create(store, authorities, CRL_BASE_URL, clock, random);
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
