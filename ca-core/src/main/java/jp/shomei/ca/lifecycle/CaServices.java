package jp.shomei.ca.lifecycle;

import java.security.SecureRandom;
import java.time.Clock;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.ca.profile.CommonNames;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.profile.SerialNumbers;
import jp.shomei.ca.store.Store;

/** The municipal-facing services of the CA, wired over one store, one set of authorities and one clock. */
public record CaServices(CertificateLifecycle certificates, ResidentRegister residents, ConsentRegister consents) {

    public static CaServices create(Store store, CertificateAuthorities authorities, CrlBaseUrl crlBaseUrl,
                                    Clock clock, SecureRandom random) {
        CertificateIssuer issuer = new CertificateIssuer(authorities, crlBaseUrl, new SerialNumbers(random),
                new CommonNames(random));
        return new CaServices(new CertificateLifecycle(store, issuer, new PhoneEnrollment(issuer, authorities), clock),
                new ResidentRegister(store, clock), new ConsentRegister(store, clock));
    }
}
