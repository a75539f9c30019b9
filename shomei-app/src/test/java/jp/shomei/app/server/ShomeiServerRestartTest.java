package jp.shomei.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.authority.CertificateAuthorities;
import jp.shomei.keys.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second start on the same data directory picks up where the first left off. */
class ShomeiServerRestartTest {

    @TempDir
    Path data;

    @Test
    void aRestartOnTheSameDataDirectoryReusesTheCasTheirKeysAndTheTlsCredentials() throws Exception {
        Map<String, String> environment = RunningShomei.environmentForThisRun();
        MutableClock clock = new MutableClock(RunningShomei.START);

        Map<CaKind, byte[]> firstCas;
        Map<String, byte[]> firstCredentials;
        Map<String, byte[]> firstKeys;
        try (ShomeiServer first = ShomeiServer.start(ShomeiConfig.load(data, environment).withPorts(0, 0), clock, environment)) {
            firstCas = caCertificates(first.authorities());
            firstCredentials = files(data.resolve("credentials"));
            firstKeys = files(data.resolve("keys"));
        }
        assertThat(firstCredentials).containsKeys("operations-ca.pem", "operations-ca.key.pem", "server.pem",
                "server.key.pem", "clients/131016.pem", "clients/131016.key.pem", "clients/131032.pem");
        assertThat(firstKeys).isNotEmpty();

        clock.advance(java.time.Duration.ofDays(1));
        try (ShomeiServer second = ShomeiServer.start(ShomeiConfig.load(data, environment).withPorts(0, 0), clock, environment)) {
            Map<CaKind, byte[]> secondCas = caCertificates(second.authorities());
            for (CaKind kind : CaKind.values()) {
                assertThat(second.authorities().all(kind)).as("%s generations", kind).hasSize(1);
                assertThat(secondCas.get(kind)).as("%s CA certificate", kind).isEqualTo(firstCas.get(kind));
                assertThat(second.authorities().issuing(kind).authority().key().publicKey().getEncoded())
                        .as("%s CA key", kind)
                        .isEqualTo(second.authorities().issuing(kind).authority().certificate().getSubjectPublicKeyInfo().getEncoded());
            }
            assertThat(files(data.resolve("credentials"))).usingRecursiveComparison().isEqualTo(firstCredentials);
            assertThat(files(data.resolve("keys"))).usingRecursiveComparison().isEqualTo(firstKeys);
        }
    }

    @Test
    void keysMadeUnderAPassphraseFromTheEnvironmentAreNeverMetWithANewOne() {
        Map<String, String> environment = RunningShomei.environmentForThisRun();
        MutableClock clock = new MutableClock(RunningShomei.START);
        ShomeiServer.start(ShomeiConfig.load(data, environment).withPorts(0, 0), clock, environment).close();

        Map<String, String> forgotten = Map.of();
        assertThatThrownBy(() -> ShomeiServer.start(ShomeiConfig.load(data, forgotten).withPorts(0, 0), clock, forgotten))
                .hasMessageContaining("SHOMEI_KEYSTORE_PASSPHRASE");
        assertThat(data.resolve("secrets/keystore-passphrase")).doesNotExist();
    }

    private static Map<CaKind, byte[]> caCertificates(CertificateAuthorities authorities) throws IOException {
        Map<CaKind, byte[]> certificates = new TreeMap<>();
        for (CaKind kind : CaKind.values()) {
            certificates.put(kind, authorities.issuing(kind).authority().certificate().getEncoded());
        }
        return certificates;
    }

    /** Every file below the directory by relative path, with its content. */
    private static Map<String, byte[]> files(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            Map<String, byte[]> files = new TreeMap<>();
            all.filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(directory.relativize(file).toString(), Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return files;
        }
    }
}
