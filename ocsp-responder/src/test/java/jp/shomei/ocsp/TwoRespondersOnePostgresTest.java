package jp.shomei.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.certificate.CertificateRecord;
import jp.shomei.ca.certificate.RevocationReason;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.ca.testsupport.PostgresTestDatabase;
import jp.shomei.ca.testsupport.SharedKeySource;
import jp.shomei.ca.testsupport.TestCa;
import jp.shomei.ocsp.support.Eventually;
import jp.shomei.ocsp.support.OcspTestBed;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two responder nodes, each with its own connection pool, status book and pre-signed
 * responses, against one PostgreSQL. A revocation made by the CA reaches both through the database
 * alone, and both sign with the one delegated signer recorded there.
 */
class TwoRespondersOnePostgresTest {

    @RegisterExtension
    static final SharedKeySource KEYS = new SharedKeySource();

    @TempDir
    static Path work;
    static PostgresTestDatabase.Schema schema;
    static OcspTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        schema = PostgresTestDatabase.fromEnvironment().createSchema();
        bed = new OcspTestBed(new DatabaseConfig(schema.url(), schema.user(), schema.password(), 4), KEYS.source(), work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void bothNodesReflectARevocationAndShareOneSigner() throws Exception {
        CertificateRecord signing = bed.enroll(CaKind.SIGNING);
        try (OcspTestBed.Node first = bed.startNode(); OcspTestBed.Node second = bed.startNode()) {
            BasicOCSPResp fromFirst = ask(first, signing.serial());
            BasicOCSPResp fromSecond = ask(second, signing.serial());
            assertThat(fromFirst.getResponses()[0].getCertStatus()).isNull();
            assertThat(fromSecond.getResponses()[0].getCertStatus()).isNull();
            assertThat(fromFirst.getCerts()[0]).isEqualTo(fromSecond.getCerts()[0]);

            bed.ca.services.certificates().revoke(TestCa.CHIYODA, signing.serial(), RevocationReason.KEY_COMPROMISE);

            for (OcspTestBed.Node node : new OcspTestBed.Node[] {first, second}) {
                RevokedStatus revoked = (RevokedStatus) Eventually.within(Duration.ofSeconds(5),
                        () -> status(node, signing.serial()), status -> status instanceof RevokedStatus);
                assertThat(revoked.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
            }
        }
    }

    private static Object status(OcspTestBed.Node node, BigInteger serial) {
        try {
            return ask(node, serial).getResponses()[0].getCertStatus();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BasicOCSPResp ask(OcspTestBed.Node node, BigInteger serial) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                bed.issuingCa(CaKind.SIGNING), serial);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                node.url(CaKind.SIGNING))).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) ocsp.getResponseObject();
    }
}
