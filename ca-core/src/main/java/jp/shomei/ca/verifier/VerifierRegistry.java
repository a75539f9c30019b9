package jp.shomei.ca.verifier;

import java.util.List;
import java.util.Optional;
import jp.shomei.ca.store.Store;

/**
 * The operators' register of verifiers. Registration is audited; a fingerprint or id already
 * registered is refused by the table's keys.
 */
public final class VerifierRegistry {

    private final Store store;

    public VerifierRegistry(Store store) {
        this.store = store;
    }

    public Verifier register(Verifier verifier, String operator) {
        return store.write(tx -> {
            if (tx.verifier(verifier.id()).isPresent()) {
                throw new IllegalArgumentException("a verifier '" + verifier.id() + "' is already registered");
            }
            if (tx.verifierByCertificate(verifier.certificateSha256()).isPresent()) {
                throw new IllegalArgumentException("this client certificate is already registered to another verifier");
            }
            tx.insertVerifier(verifier);
            tx.appendAudit(verifier.registeredAt(), operator, "verifier.register", Optional.empty(), Optional.empty(),
                    verifier.id() + " class " + verifier.verifierClass().label() + " purpose '" + verifier.purpose()
                            + "' certificate sha256 " + verifier.certificateSha256());
            return verifier;
        });
    }

    public List<Verifier> list() {
        return store.read(tx -> tx.verifiers());
    }
}
