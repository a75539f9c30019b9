package jp.shomei.ca.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import jp.shomei.ca.Problem;
import jp.shomei.ca.RefusedException;
import jp.shomei.ca.lifecycle.Actor;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Who a client certificate's subject says the caller is: a municipality by its code, or the call centre. */
class MunicipalIdentityTest {

    private static final KeyPair KEY = TestRequests.ecP256();

    @Test
    void aSixDigitCodeInTheOnlyOuIsThatMunicipality() throws Exception {
        Actor actor = MunicipalIdentity.of(credential("CN=Chiyoda-ku issuance system, OU=131016, O=Shomei, C=JP"));
        assertThat(actor.role()).isEqualTo(Actor.Role.MUNICIPALITY);
        assertThat(actor.municipalityCode()).isEqualTo("131016");
    }

    @Test
    void theCallCentreUnitIsTheCallCentreOfNoMunicipality() throws Exception {
        Actor actor = MunicipalIdentity.of(credential("CN=JPKI call centre, OU=call-centre, O=Shomei, C=JP"));
        assertThat(actor.isCallCentre()).isTrue();
        assertThat(actor.municipalityCode()).isNull();
        assertThat(actor.auditName()).isEqualTo("call-centre CN=JPKI call centre");
    }

    @Test
    void anyOtherUnitIsUnauthenticated() throws Exception {
        X509Certificate other = credential("CN=someone, OU=helpdesk, O=Shomei, C=JP");
        RefusedException refusal = catchThrowableOfType(RefusedException.class, () -> MunicipalIdentity.of(other));
        assertThat(refusal.problem()).isEqualTo(Problem.UNAUTHENTICATED);
    }

    private static X509Certificate credential(String subject) throws Exception {
        Instant now = Instant.parse("2026-11-22T01:00:00Z");
        X500Name name = new X500Name(subject);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, KEY.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate())));
    }
}
