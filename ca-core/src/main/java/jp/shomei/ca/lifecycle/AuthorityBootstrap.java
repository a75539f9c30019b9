package jp.shomei.ca.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.shomei.ca.authority.CaCertificateFactory;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.authority.CertificateAuthority;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoredCaCertificate;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SigningKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the two certificate authorities: loads every generation recorded in the store and finds
 * its key in the key source, or, on first start, creates the first generation of each kind.
 */
public final class AuthorityBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorityBootstrap.class);

    private final Store store;
    private final KeySource keys;
    private final CaCertificateFactory factory;
    private final SerialNumbers serials;
    private final Clock clock;

    public AuthorityBootstrap(Store store, KeySource keys, CaCertificateFactory factory, SerialNumbers serials,
                              Clock clock) {
        this.store = store;
        this.keys = keys;
        this.factory = factory;
        this.serials = serials;
        this.clock = clock;
    }

    /** The label under which the first generation's key of this kind is made and recorded. */
    public static String firstKeyLabel(CaKind kind) {
        return "ca-" + kind.pathName() + "-1";
    }

    public CertificateAuthorities loadOrCreate() {
        List<StoredCaCertificate> stored = store.read(tx -> tx.caCertificates());
        Map<CaKind, List<CertificateAuthorities.CaGeneration>> generations = new EnumMap<>(CaKind.class);
        for (CaKind kind : CaKind.values()) {
            List<CertificateAuthorities.CaGeneration> ofKind = new ArrayList<>();
            stored.stream()
                    .filter(ca -> ca.kind() == kind)
                    .sorted(Comparator.comparingInt(StoredCaCertificate::generation))
                    .forEach(ca -> ofKind.add(load(ca)));
            if (ofKind.isEmpty()) {
                ofKind.add(createFirstGeneration(kind));
            }
            generations.put(kind, ofKind);
        }
        return new CertificateAuthorities(generations);
    }

    private CertificateAuthorities.CaGeneration load(StoredCaCertificate stored) {
        SigningKey key = keys.find(stored.keyLabel()).orElseThrow(() -> new KeySourceException(
                "the key '" + stored.keyLabel() + "' of the " + stored.kind().pathName() + " CA generation "
                        + stored.generation() + " is not in " + keys.describe()));
        X509CertificateHolder certificate = parse(stored.der());
        if (!certificate.getSubjectPublicKeyInfo().equals(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))) {
            throw new KeySourceException("the key '" + stored.keyLabel() + "' in " + keys.describe()
                    + " does not match the " + stored.kind().pathName() + " CA certificate of generation "
                    + stored.generation());
        }
        return new CertificateAuthorities.CaGeneration(stored.generation(),
                new CertificateAuthority(stored.kind(), certificate, key));
    }

    private CertificateAuthorities.CaGeneration createFirstGeneration(CaKind kind) {
        String label = firstKeyLabel(kind);
        SigningKey key = keys.find(label).orElseGet(() -> keys.generateRsa2048(label));
        BigInteger serial = serials.next();
        CertificateAuthority authority = factory.selfSign(kind, key, serial);
        byte[] der = encode(authority.certificate());
        store.write(tx -> {
            tx.insertCaCertificate(new StoredCaCertificate(kind, 1, label, der, clock.instant()), serial);
            tx.appendAudit(clock.instant(), "system", "ca.create", java.util.Optional.empty(),
                    java.util.Optional.of(serial), "created " + kind.pathName() + " CA generation 1 with key '"
                            + label + "' in " + keys.describe());
            return null;
        });
        LOG.info("Created the {} CA (generation 1, serial {}) with key '{}' in {}", kind.pathName(),
                serial.toString(16), label, keys.describe());
        return new CertificateAuthorities.CaGeneration(1, authority);
    }

    private static X509CertificateHolder parse(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException("stored CA certificate does not parse", e);
        }
    }

    private static byte[] encode(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
