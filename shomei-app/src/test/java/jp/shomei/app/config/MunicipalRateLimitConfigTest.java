package jp.shomei.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.shomei.ca.ratelimit.RequestRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** municipal.rate-limit.per-second and .burst: each municipal client's request rate, read from shomei.properties. */
class MunicipalRateLimitConfigTest {

    @TempDir
    Path data;

    @Test
    void byDefaultEachMunicipalityMayMakeTenRequestsASecondAndAHundredAtOnce() throws IOException {
        assertThat(load("").municipalRateLimit()).isEqualTo(new RequestRate(10, 100));
    }

    @Test
    void bothTheRateAndTheBurstCanBeSet() throws IOException {
        assertThat(load("municipal.rate-limit.per-second=2\nmunicipal.rate-limit.burst=40\n").municipalRateLimit())
                .isEqualTo(new RequestRate(2, 40));
    }

    @Test
    void aRateOrBurstBelowOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load("municipal.rate-limit.per-second=0\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("municipal.rate-limit.per-second must be at least 1, got 0");
        assertThatThrownBy(() -> load("municipal.rate-limit.burst=-5\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("municipal.rate-limit.burst must be at least 1, got -5");
    }

    @Test
    void aRateThatIsNotAWholeNumberIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load("municipal.rate-limit.per-second=0.5\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("municipal.rate-limit.per-second must be a whole number, got '0.5'");
    }

    private ShomeiConfig load(String properties) throws IOException {
        Files.writeString(data.resolve(ShomeiConfig.PROPERTIES_FILE), properties, StandardCharsets.UTF_8);
        return ShomeiConfig.load(data, Map.of());
    }
}
