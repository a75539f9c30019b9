package jp.shomei.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.Csrs;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.keys.KeyStorePassphrase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The claims of docs/SECURITY.md about the municipal listener's TLS, judged by the real openssl
 * s_client, and about what the logs of a whole run never contain. (Client certificates, body size
 * and refusals are proven in RefusalsOverHttpsTest; the PKCS#11 PIN in CertificateAuthoritiesOnSoftHsmTest.)
 */
class SecurityClaimsTest {

    @TempDir
    static Path root;
    static RunningShomei shomei;
    static ByteArrayOutputStream log = new ByteArrayOutputStream();
    static OutputStreamAppender<ILoggingEvent> capture;

    @BeforeAll
    static void startWithTheLogCaptured() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n%ex");
        encoder.start();
        capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(encoder);
        capture.setOutputStream(log);
        capture.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
        shomei = RunningShomei.start(root);
    }

    @AfterAll
    static void stop() {
        if (shomei != null) {
            shomei.close();
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
    }

    // --- TLS ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void protocolsOlderThanTls12AreRefusedInTheHandshake(String protocol) {
        // SECLEVEL=0 so that openssl itself would offer them: the refusal must come from the server.
        Handshake handshake = sClient(protocol, "-cipher", "DEFAULT@SECLEVEL=0");

        assertThat(handshake.established()).as(handshake.output()).isFalse();
    }

    @Test
    void tls12AndTls13AreAccepted() {
        Handshake tls12 = sClient("-tls1_2");
        Handshake tls13 = sClient("-tls1_3");

        assertThat(tls12.output()).as(tls12.output()).contains("Protocol version: TLSv1.2");
        assertThat(tls13.output()).as(tls13.output()).contains("Protocol version: TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA256",
            "ECDHE-ECDSA-AES256-SHA384", "AES128-GCM-SHA256", "AES256-SHA"})
    void tls12SuitesWithoutForwardSecrecyOrAeadAreRefused(String suite) {
        Handshake handshake = sClient("-tls1_2", "-cipher", suite + "@SECLEVEL=0");

        assertThat(handshake.established()).as(handshake.output()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305"})
    void tls12ForwardSecretAeadSuitesAreAccepted(String suite) {
        Handshake handshake = sClient("-tls1_2", "-cipher", suite);

        assertThat(handshake.output()).as(handshake.output()).contains("Ciphersuite: " + suite);
    }

    // --- logs ---------------------------------------------------------------------------------------

    @Test
    void aRunsLogNeverContainsTheKeyStorePassphraseNorAResidentsBasicFour() throws Exception {
        MunicipalClient chiyoda = shomei.as(RunningShomei.CHIYODA);
        String resident = shomei.newResidentCode();
        JsonObject body = ApiBodies.resident(RunningShomei.CHIYODA, "秘密　花子", LocalDate.of(1977, 7, 7), "female",
                "東京都千代田区隠岐町九丁目");
        assertThat(chiyoda.put("/v1/residents/" + resident, body).status()).isEqualTo(201);
        MunicipalClient.Response enrolled = chiyoda.post("/v1/residents/" + resident + "/certificates",
                ApiBodies.enrollment("sign", Csrs.rsa2048()));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        // A refusal and a failure path as well: what is logged on trouble must be clean too.
        chiyoda.post("/v1/residents/" + resident + "/certificates", "{\"ca\":\"sign\",\"csr\":\"秘密\"}");
        shomei.anonymous().get("/v1/residents/" + resident);

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the run logged something, so this test looks at real output")
                .contains("Created the audit checkpoint key");
        assertThat(logged).doesNotContain(shomei.environment.get(KeyStorePassphrase.ENVIRONMENT_VARIABLE))
                .doesNotContain("秘密").doesNotContain("1977-07-07").doesNotContain("19770707")
                .doesNotContain("隠岐町");
    }

    /** What {@code openssl s_client -brief} reported for one handshake with the municipal listener. */
    record Handshake(int exitCode, String output) {
        boolean established() {
            return exitCode == 0 && output.contains("CONNECTION ESTABLISHED");
        }
    }

    private static Handshake sClient(String... options) {
        URI url = URI.create(shomei.server.municipalUrl());
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-brief", "-connect",
                url.getHost() + ":" + url.getPort(), "-CAfile", shomei.operationsCa().toString()));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("%s did not finish", command);
            }
            return new Handshake(process.exitValue(), output);
        } catch (IOException e) {
            return fail("This test needs openssl (%s); install it or run ./scripts/test", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
