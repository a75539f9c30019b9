package jp.shomei.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import jp.shomei.ca.resident.Municipality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrlPartitionTest {

    private static final CrlBaseUrl BASE = new CrlBaseUrl("http://crl.shomei.example");

    @Test
    void signingCertificatesArePartitionedByMunicipalityAsInJpki() {
        Municipality chiyoda = new Municipality("131016", "東京都", "千代田区", "Tokyo-to", "Chiyoda-ku");

        CrlPartition partition = CrlPartition.forSigning(chiyoda, BASE);

        assertThat(partition.id()).isEqualTo("131016");
        assertThat(partition.dirName()).hasToString(
                "C=JP,O=JPKI,OU=JPKI for digital signature,OU=CRL Distribution Points,OU=Tokyo-to,CN=Chiyoda-ku CRLDP");
        assertThat(partition.uri()).isEqualTo("http://crl.shomei.example/crl/sign/131016.crl");
    }

    @ParameterizedTest(name = "serial {0} -> {1}")
    @CsvSource({"0, b00", "7, b07", "71, b07", "63, b63", "64, b00", "340282366920938463463374607431768211455, b63"})
    void authenticationCertificatesArePartitionedBySerialSoTheDistributionPointRevealsNothing(BigInteger serial, String id) {
        CrlPartition partition = CrlPartition.forAuthentication(serial, BASE);

        assertThat(partition.id()).isEqualTo(id);
        assertThat(partition.dirName()).hasToString(
                "C=JP,O=JPKI,OU=JPKI for user authentication,OU=CRL Distribution Points,CN=Partition " + id + " CRLDP");
        assertThat(partition.uri()).isEqualTo("http://crl.shomei.example/crl/auth/" + id + ".crl");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 64})
    void thereAreSixtyFourAuthenticationBuckets(int bucket) {
        assertThatThrownBy(() -> CrlPartition.forAuthenticationBucket(bucket, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authentication CRL bucket must be 0..63: " + bucket);
    }

    @Test
    void theBaseUrlMayHaveAPath() {
        CrlPartition partition = CrlPartition.forAuthenticationBucket(5, new CrlBaseUrl("https://shomei.example/pki"));

        assertThat(partition.uri()).isEqualTo("https://shomei.example/pki/crl/auth/b05.crl");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "http://crl.shomei.example/        | ends with '/'",
        "ftp://crl.shomei.example          | has scheme 'ftp'",
        "crl.shomei.example                | has no scheme",
        "http:///crl                       | has no host",
        "http://crl.shomei.example?x=1     | has a query or fragment",
        "http://crl shomei                 | is not a URL (Illegal character in authority at index 7)",
    })
    void aBaseUrlThatWouldBeSignedIntoCertificatesWrongIsRejectedSayingHow(String url, String problem) {
        assertThatThrownBy(() -> new CrlBaseUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CRL base URL '" + url + "' " + problem
                        + "; expected an absolute http or https URL without a trailing slash, e.g. http://crl.shomei.example");
    }
}
