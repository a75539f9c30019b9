package jp.shomei.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jp.shomei.ocsp.OcspSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ocsp.response-validity and ocsp.presigned-capacity: how long responses are fresh, and how many are held pre-signed. */
class OcspConfigTest {

    @TempDir
    Path data;

    @Test
    void byDefaultTheResponderUsesItsOwnDefaults() throws IOException {
        assertThat(load("").ocsp()).isEqualTo(OcspSettings.DEFAULTS);
    }

    @Test
    void theResponseValidityAndThePresignedCapacityCanBeSetAndNothingElseChanges() throws IOException {
        OcspSettings ocsp = load("ocsp.response-validity=PT10M\nocsp.presigned-capacity=5000\n").ocsp();

        assertThat(ocsp.responseValidity()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ocsp.presignedCapacity()).isEqualTo(5000);
        assertThat(ocsp.signerValidity()).isEqualTo(OcspSettings.DEFAULTS.signerValidity());
        assertThat(ocsp.maxRequestBytes()).isEqualTo(OcspSettings.DEFAULTS.maxRequestBytes());
    }

    @Test
    void aValidityOutsideOneMinuteToSevenDaysIsRefusedWithTheRange() {
        assertThatThrownBy(() -> load("ocsp.response-validity=PT30S\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OCSP response validity must be 1 minute to 7 days, got PT30S");
        assertThatThrownBy(() -> load("ocsp.response-validity=P8D\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OCSP response validity must be 1 minute to 7 days, got PT192H");
    }

    @Test
    void aCapacityBelowOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load("ocsp.presigned-capacity=0\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("ocsp.presigned-capacity must be at least 1, got 0");
    }

    private ShomeiConfig load(String properties) throws IOException {
        Files.writeString(data.resolve(ShomeiConfig.PROPERTIES_FILE), properties, StandardCharsets.UTF_8);
        return ShomeiConfig.load(data, Map.of());
    }
}
