package jp.shomei.app.cmp;

import static jp.shomei.app.cmp.CmpAnswers.PKIXCMP;
import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static jp.shomei.app.support.RunningShomei.MINATO;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.MunicipalIdentity;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.RevRepContent;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the loss-report call centre may do over CMP, signing with its own operations-CA credential
 * ({@code OU=call-centre}): as over the JSON API, suspend any resident's certificate, here with an rr
 * whose reason is certificateHold, and nothing else. Everything else it asks is refused with
 * notAuthorized and changes nothing. The audit log names it as the call centre, via CMP.
 */
class CmpCallCentreTest {

    private static final String SIGN = "/.well-known/cmp/p/sign";
    private static final String AUTH = "/.well-known/cmp/p/auth";
    private static final String CALL_CENTRE_NAME = "JPKI call centre";
    private static final String ONLY_SUSPEND = "the call centre may only suspend certificates";

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient anonymous;
    static CmpRequests callCentre;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        anonymous = shomei.anonymous();
        callCentre = callCentreCredential(shomei.server.credentials().operationsCa(), Instant.now());
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
    }

    @BeforeEach
    void clockAtRealTime() {
        shomei.clock.set(Instant.now());
    }

    @Test
    void anIrSignedByTheCallCentreIsNotAuthorizedAndIssuesNothing() {
        String resident = register(CHIYODA);
        String before = shomei.storeSnapshot();

        MunicipalClient.BinaryResponse response = post(SIGN, callCentre.ir(fresh(), resident, TestRequests.rsa(2048)));

        CmpAnswers.assertRefused(shomei, response, PKIFailureInfo.notAuthorized, ONLY_SUSPEND);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void anRrWithCertificateHoldFromTheCallCentreSuspendsAnyMunicipalitysCertificateAndTheAuditSaysViaCmp() {
        for (String municipality : new String[] {CHIYODA, MINATO}) {
            BigInteger serial = enrolled(municipality);

            PKIMessage answer = CmpAnswers.signedAnswer(shomei,
                    post(SIGN, callCentre.rr(fresh(), serial, CRLReason.certificateHold)));

            assertThat(answer.getBody().getType()).isEqualTo(PKIBody.TYPE_REVOCATION_REP);
            assertThat(RevRepContent.getInstance(answer.getBody().getContent()).getStatus()[0].getStatus())
                    .isEqualTo(BigInteger.valueOf(PKIStatus.GRANTED));
            JsonObject history = shomei.as(municipality).get("/v1/certificates/" + serial.toString(16) + "/history")
                    .json();
            assertThat(history.getJsonObject("certificate").getString("status")).as(municipality).isEqualTo("on-hold");
            JsonArray audit = history.getJsonArray("audit");
            assertThat(audit.getJsonObject(audit.size() - 1).getString("actor"))
                    .isEqualTo("call-centre CN=" + CALL_CENTRE_NAME + " via CMP");
        }
    }

    @ParameterizedTest(name = "reason {0}")
    @ValueSource(ints = {CRLReason.unspecified, CRLReason.keyCompromise, CRLReason.affiliationChanged,
            CRLReason.superseded, CRLReason.cessationOfOperation, CRLReason.privilegeWithdrawn})
    void anRrWithAnyOtherReasonFromTheCallCentreIsNotAuthorizedAndRevokesNothing(int reason) {
        BigInteger serial = enrolled(CHIYODA);
        String before = shomei.storeSnapshot();

        MunicipalClient.BinaryResponse response = post(SIGN, callCentre.rr(fresh(), serial, reason));

        CmpAnswers.assertRefused(shomei, response, PKIFailureInfo.notAuthorized, ONLY_SUSPEND);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aSuspensionSentToTheOtherCasPathIsABadCertIdForTheCallCentreToo() {
        BigInteger serial = enrolled(CHIYODA);
        String before = shomei.storeSnapshot();

        MunicipalClient.BinaryResponse response = post(AUTH, callCentre.rr(fresh(), serial, CRLReason.certificateHold));

        CmpAnswers.assertRefused(shomei, response, PKIFailureInfo.badCertId, "was issued by the sign CA");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    /**
     * The call centre's client credential as the operations CA issues it: a subject whose only OU is
     * the call centre's unit, key usage digitalSignature, for TLS client authentication.
     */
    private static CmpRequests callCentreCredential(LocalCredentials.Credential operationsCa, Instant now) {
        X509CertificateHolder ca = CmpRequests.certificate(operationsCa.certificate());
        KeyPair pair = TestRequests.ecP256();
        X500Name subject = new X500NameBuilder().addRDN(BCStyle.C, "JP").addRDN(BCStyle.O, "Shomei Operations")
                .addRDN(BCStyle.OU, MunicipalIdentity.CALL_CENTRE_UNIT).addRDN(BCStyle.CN, CALL_CENTRE_NAME).build();
        try {
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(ca.getSubject(),
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .build(CmpRequests.privateKey(operationsCa.privateKey())));
            return new CmpRequests(certificate, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the call centre's credential", e);
        }
    }

    private static String register(String municipality) {
        String resident = shomei.newResidentCode();
        assertThat(shomei.as(municipality).put("/v1/residents/" + resident,
                ApiBodies.taroInChiyoda().put("municipalityCode", municipality)).status()).isEqualTo(201);
        return resident;
    }

    /** A signing certificate the municipality enrolled over CMP for a new resident of its own. */
    private static BigInteger enrolled(String municipality) {
        CmpRequests signedByMunicipality = new CmpRequests(shomei.server.credentials().client(municipality));
        PKIMessage ip = CmpAnswers.signedAnswer(shomei, post(SIGN, signedByMunicipality.ir(fresh(),
                register(municipality), TestRequests.rsa(2048))));
        assertThat(ip.getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
        return CertRepMessage.getInstance(ip.getBody().getContent()).getResponse()[0].getCertifiedKeyPair()
                .getCertOrEncCert().getCertificate().getX509v3PKCert().getSerialNumber().getValue();
    }

    private static CmpRequests.Header fresh() {
        return CmpRequests.Header.fresh(shomei.clock.instant());
    }

    /** Posted without a TLS client certificate: the message's own signature is what authenticates. */
    private static MunicipalClient.BinaryResponse post(String path, PKIMessage message) {
        try {
            return anonymous.sendBytes("POST", path, PKIXCMP, message.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
