package jp.shomei.ocsp.signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.Store;
import jp.shomei.ca.store.StoredOcspSigner;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.SigningKey;
import jp.shomei.ocsp.issuer.ServedIssuer;
import jp.shomei.ocsp.issuer.ServedIssuers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delegated signer each CA generation's responses are signed with. Signers live in the store, so
 * every responder node uses the same one; whichever node first finds the current signer inside its
 * renewal window issues the next, and the others adopt it at their next {@link #refresh()}. The old
 * signer stays valid until its end, so responses signed by either verify during the changeover: a
 * rollover needs no downtime.
 */
public final class OcspSigners {

    private static final Logger LOG = LoggerFactory.getLogger(OcspSigners.class);

    private final Store store;
    private final KeySource keys;
    private final ServedIssuers issuers;
    private final OcspSignerCertificateFactory factory;
    private final SerialNumbers serials;
    private final Clock clock;
    private final Duration validity;
    private final Duration renewBefore;
    private final Map<ServedIssuer, OcspSigner> current = new ConcurrentHashMap<>();

    public OcspSigners(Store store, KeySource keys, ServedIssuers issuers, OcspSignerCertificateFactory factory,
                       SerialNumbers serials, Clock clock, Duration validity, Duration renewBefore) {
        this.store = store;
        this.keys = keys;
        this.issuers = issuers;
        this.factory = factory;
        this.serials = serials;
        this.clock = clock;
        this.validity = validity;
        this.renewBefore = renewBefore;
    }

    /** The signer to sign this issuer's responses with now; {@link #refresh()} must have run once. */
    public OcspSigner current(ServedIssuer issuer) {
        OcspSigner signer = current.get(issuer);
        if (signer == null) {
            throw new IllegalStateException("no OCSP signer loaded for the " + issuer.kind().pathName() + " CA generation "
                    + issuer.generation());
        }
        return signer;
    }

    /**
     * Adopts the newest stored signer of every issuer, issuing a new one where the newest ends within
     * the renewal window. Returns whether any issuer's signer changed.
     */
    public synchronized boolean refresh() {
        boolean changed = false;
        for (ServedIssuer issuer : issuers.all()) {
            Optional<StoredOcspSigner> newest = newestOf(issuer);
            if (newest.isEmpty() || !newest.get().notAfter().isAfter(clock.instant().plus(renewBefore))) {
                issueNext(issuer, newest.map(StoredOcspSigner::number).orElse(0) + 1);
                newest = newestOf(issuer);
            }
            OcspSigner chosen = load(newest.orElseThrow());
            OcspSigner previous = current.put(issuer, chosen);
            if (previous == null || previous.number() != chosen.number()) {
                LOG.info("OCSP responses of the {} CA generation {} are now signed by signer {} (valid until {})",
                        issuer.kind().pathName(), issuer.generation(), chosen.number(), chosen.notAfter());
                changed = true;
            }
        }
        return changed;
    }

    private Optional<StoredOcspSigner> newestOf(ServedIssuer issuer) {
        List<StoredOcspSigner> stored = store.read(tx -> tx.ocspSigners());
        return stored.stream()
                .filter(signer -> signer.caKind() == issuer.kind() && signer.caGeneration() == issuer.generation())
                .max(Comparator.comparingInt(StoredOcspSigner::number));
    }

    private void issueNext(ServedIssuer issuer, int number) {
        String label = "ocsp-" + issuer.kind().pathName() + "-" + issuer.generation() + "-" + number;
        try {
            // Another node may have made the key and lost the race to record it: the key is then reused.
            SigningKey key = keys.find(label).orElseGet(() -> keys.generateRsa2048(label));
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X509CertificateHolder certificate = factory.issue(issuer.authority(), key, serials.next(), now, validity,
                    number);
            store.write(tx -> {
                tx.insertOcspSigner(new StoredOcspSigner(issuer.kind(), issuer.generation(), number, label,
                        encode(certificate), certificate.getNotAfter().toInstant(), now));
                tx.appendAudit(now, "system", "ocsp.signer", Optional.empty(), Optional.of(certificate.getSerialNumber()),
                        "issued OCSP signer " + number + " for the " + issuer.kind().pathName() + " CA generation "
                                + issuer.generation() + " with key '" + label + "' in " + keys.describe());
                return null;
            });
        } catch (RuntimeException e) {
            // Most likely another node recorded this number first; its signer is adopted instead.
            LOG.info("OCSP signer {} of the {} CA was not recorded ({}); adopting the stored one", number,
                    issuer.kind().pathName(), e.getMessage());
        }
    }

    private OcspSigner load(StoredOcspSigner stored) {
        SigningKey key = keys.find(stored.keyLabel()).orElseThrow(() -> new KeySourceException(
                "the key '" + stored.keyLabel() + "' of OCSP signer " + stored.number() + " is not in " + keys.describe()));
        X509CertificateHolder certificate = parse(stored.der());
        if (!certificate.getSubjectPublicKeyInfo().equals(SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))) {
            throw new KeySourceException("the key '" + stored.keyLabel() + "' does not match OCSP signer " + stored.number());
        }
        return OcspSigner.of(stored.number(), certificate, key);
    }

    private static X509CertificateHolder parse(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException("stored OCSP signer certificate does not parse", e);
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
