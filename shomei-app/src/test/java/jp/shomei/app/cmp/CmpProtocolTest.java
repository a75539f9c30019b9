package jp.shomei.app.cmp;

import static jp.shomei.app.support.RunningShomei.CHIYODA;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.testsupport.TestRequests;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Shomei's CMP server answers to messages no honest client sends: the corpus of malformed
 * requests in src/test/resources/cmp/malformed, and requests built here with the run's own
 * credential that are wrong in one way each. Every answer is a precise failInfo with a text, or the
 * HTTP error RFC 6712 calls for, and nothing in the store changes. Also genm, which openssl 3.0
 * cannot ask for CA certificates.
 */
class CmpProtocolTest {

    private static final String SIGN = "/.well-known/cmp/p/sign";
    private static final String PKIXCMP = CmpAnswers.PKIXCMP;

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static MunicipalClient chiyoda;
    static MunicipalClient anonymous;
    static CmpRequests requests;

    @BeforeAll
    static void start() {
        shomei = RunningShomei.start(root);
        chiyoda = shomei.as(CHIYODA);
        anonymous = shomei.anonymous();
        requests = new CmpRequests(shomei.server.credentials().client(CHIYODA));
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

    @ParameterizedTest(name = "{0}: HTTP {1}, {2}")
    @CsvSource(delimiter = '|', value = {
            "ir-truncated.der          | 400 | badDataFormat   | not a DER-encoded PKIMessage",
            "ir-with-trailing-bytes.der| 400 | badDataFormat   | not a DER-encoded PKIMessage",
            "not-der.bin               | 400 | badDataFormat   | not a DER-encoded PKIMessage",
            "ocsp-request.der          | 400 | badDataFormat   | not a DER-encoded PKIMessage",
            "ir-unprotected.der        | 200 | badMessageCheck | the message is not protected",
            "ir-mac-protected.der      | 200 | badMessageCheck | MAC-based protection is not accepted",
            "ir-signed-by-stranger.der | 200 | badMessageCheck | is not a municipal credential issued by the operations CA"})
    void eachMalformedRequestOfTheCorpusGetsItsFailInfoAndChangesNothing(String file, int status, String failInfo,
                                                                        String text) throws Exception {
        byte[] request;
        try (var in = getClass().getResourceAsStream("/cmp/malformed/" + file)) {
            request = in.readAllBytes();
        }
        String before = shomei.storeSnapshot();

        MunicipalClient.BinaryResponse response = post(request);

        assertThat(response.status()).isEqualTo(status);
        assertRefused(response, failInfo(failInfo), text);
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aWellFormedIrWithImplicitConfirmIsAnsweredWithASignedIp() {
        PKIMessage answer = answer(post(requests.ir(CmpRequests.Header.fresh(Instant.now()), registered(),
                TestRequests.rsa(2048))));

        assertThat(answer.getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
        assertThat(answer.getHeader().getGeneralInfo()).extracting(InfoTypeAndValue::getInfoType)
                .contains(CMPObjectIdentifiers.it_implicitConfirm);
    }

    @Test
    void aTamperedProtectionIsABadMessageCheck() {
        PKIMessage signed = requests.ir(CmpRequests.Header.fresh(Instant.now()), registered(), TestRequests.rsa(2048));
        byte[] protection = signed.getProtection().getOctets();
        protection[protection.length / 2] ^= 0x01;
        PKIMessage tampered = new PKIMessage(signed.getHeader(), signed.getBody(), new DERBitString(protection),
                signed.getExtraCerts());
        String before = shomei.storeSnapshot();

        assertRefused(post(tampered), PKIFailureInfo.badMessageCheck, "protection signature does not verify");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aProofOfPossessionMadeWithAnotherKeyIsABadPop() {
        KeyPair card = TestRequests.rsa(2048);
        KeyPair other = TestRequests.rsa(2048);
        String resident = registered();
        String before = shomei.storeSnapshot();

        MunicipalClient.BinaryResponse response = post(requests.ir(CmpRequests.Header.fresh(Instant.now()),
                resident, SubjectPublicKeyInfo.getInstance(card.getPublic().getEncoded()), other.getPrivate()));

        assertRefused(response, PKIFailureInfo.badPOP, "does not verify with the requested public key");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aP10crWhoseSignatureDoesNotVerifyIsABadPop() {
        byte[] broken = Csrs.decode(Csrs.withBrokenSignature(Csrs.rsa2048()));
        String before = shomei.storeSnapshot();

        assertRefused(post(requests.p10cr(CmpRequests.Header.fresh(Instant.now()), broken)), PKIFailureInfo.badPOP,
                "signature does not verify");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aCertConfForATransactionThatIssuedNothingIsABadRequest() {
        assertRefused(post(requests.certConf(CmpRequests.Header.fresh(Instant.now()))), PKIFailureInfo.badRequest,
                "no certificate awaits confirmation in this transaction");
    }

    @Test
    void aReplayedIrIsRefusedAsTransactionIdInUseAndARepeatedNonceAsBadSenderNonce() {
        CmpRequests.Header header = CmpRequests.Header.fresh(Instant.now());
        PKIMessage ir = requests.ir(header, registered(), TestRequests.rsa(2048));
        assertThat(answer(post(ir)).getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
        PKIMessage sameNonce = requests.ir(header.withTransactionId(CmpRequests.random()), registered(),
                TestRequests.rsa(2048));
        String before = shomei.storeSnapshot();

        assertRefused(post(ir), PKIFailureInfo.transactionIdInUse, "was used before");
        assertRefused(post(sameNonce), PKIFailureInfo.badSenderNonce, "the message is a replay");
        assertThat(shomei.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aMessageStampedTenMinutesAgoIsABadTime() {
        CmpRequests.Header stale = CmpRequests.Header.fresh(Instant.now().minus(Duration.ofMinutes(10)));

        assertRefused(post(requests.ir(stale, registered(), TestRequests.rsa(2048))), PKIFailureInfo.badTime,
                "more than 5 minutes from the server's time");
    }

    @Test
    void genmForCaCertificatesAnswersWithTheSigningCaCertificate() throws IOException {
        PKIMessage answer = answer(post(requests.genmCaCerts(CmpRequests.Header.fresh(Instant.now()))));

        assertThat(answer.getBody().getType()).isEqualTo(PKIBody.TYPE_GEN_REP);
        InfoTypeAndValue caCerts = GenRepContent.getInstance(answer.getBody().getContent()).toInfoTypeAndValueArray()[0];
        assertThat(caCerts.getInfoType()).isEqualTo(CMPObjectIdentifiers.id_it_caCerts);
        CMPCertificate first = CMPCertificate.getInstance(ASN1Sequence.getInstance(caCerts.getInfoValue()).getObjectAt(0));
        String published = chiyoda.get("/v1/ca/sign/certificates").json().getJsonArray("certificates").getJsonObject(0)
                .getString("certificate");
        assertThat(first.getEncoded()).isEqualTo(Csrs.decode(published));
    }

    @Test
    void aBodyThatIsNotApplicationPkixcmpIsRefusedWith415() throws IOException {
        MunicipalClient.BinaryResponse response = anonymous.sendBytes("POST", SIGN, "application/octet-stream",
                requests.genmCaCerts(CmpRequests.Header.fresh(Instant.now())).getEncoded(ASN1Encoding.DER));

        assertThat(response.status()).isEqualTo(415);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"unsupported-media-type\"");
    }

    @Test
    void getIsNotAllowedAndAnUnknownCaIsNotFound() {
        assertThat(anonymous.get(SIGN).status()).isEqualTo(405);
        MunicipalClient.BinaryResponse unknown = anonymous.sendBytes("POST", "/.well-known/cmp/p/root", PKIXCMP,
                new byte[] {0x30, 0x00});
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"code\":\"not-found\"");
    }

    @Test
    void aBodyLargerThan64KiBIsRefusedWith413() {
        MunicipalClient.BinaryResponse response = anonymous.sendBytes("POST", SIGN, PKIXCMP, new byte[70_000]);

        assertThat(response.status()).isEqualTo(413);
    }

    private static String registered() {
        String resident = shomei.newResidentCode();
        assertThat(chiyoda.put("/v1/residents/" + resident, ApiBodies.taroInChiyoda()).status()).isEqualTo(201);
        return resident;
    }

    /** Posted without a TLS client certificate: the message's own signature is what authenticates. */
    private static MunicipalClient.BinaryResponse post(PKIMessage message) {
        try {
            return post(message.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MunicipalClient.BinaryResponse post(byte[] body) {
        return anonymous.sendBytes("POST", SIGN, PKIXCMP, body);
    }

    private static PKIMessage answer(MunicipalClient.BinaryResponse response) {
        return CmpAnswers.signedAnswer(shomei, response);
    }

    private static void assertRefused(MunicipalClient.BinaryResponse response, int failInfo, String... text) {
        CmpAnswers.assertRefused(shomei, response, failInfo, text);
    }

    private static int failInfo(String name) {
        return switch (name) {
            case "badDataFormat" -> PKIFailureInfo.badDataFormat;
            case "badMessageCheck" -> PKIFailureInfo.badMessageCheck;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
