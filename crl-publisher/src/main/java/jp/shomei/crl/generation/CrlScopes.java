package jp.shomei.crl.generation;

import java.util.ArrayList;
import java.util.List;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.CrlPartition;
import jp.shomei.ca.store.Store;
import jp.shomei.crl.content.CrlScope;

/**
 * Every CRL a CA publishes: one per partition its profile writes into certificates (a municipality
 * for signing, a serial bucket for authentication) and its authority revocation list.
 */
public final class CrlScopes {

    private final Store store;
    private final CertificateAuthorities authorities;
    private final CrlBaseUrl baseUrl;

    public CrlScopes(Store store, CertificateAuthorities authorities, CrlBaseUrl baseUrl) {
        this.store = store;
        this.authorities = authorities;
        this.baseUrl = baseUrl;
    }

    /** The partition CRLs of the CA, then its authority revocation list; municipalities are read afresh each time. */
    public List<CrlScope> of(CaKind kind) {
        List<CrlScope> scopes = new ArrayList<>();
        if (kind == CaKind.SIGNING) {
            store.read(tx -> tx.municipalities()).forEach(municipality ->
                    scopes.add(CrlScope.of(kind, CrlPartition.forSigning(municipality, baseUrl))));
        } else {
            for (int bucket = 0; bucket < CrlPartition.AUTHENTICATION_BUCKETS; bucket++) {
                scopes.add(CrlScope.of(kind, CrlPartition.forAuthenticationBucket(bucket, baseUrl)));
            }
        }
        scopes.add(CrlScope.authorityRevocationList(kind, authorities.issuing(kind).authority().certificate().getSubject()));
        return scopes;
    }
}
