package jp.shomei.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jp.shomei.app.config.ShomeiConfig;
import jp.shomei.app.server.ShomeiServer;
import jp.shomei.app.support.ApiBodies;
import jp.shomei.app.support.MunicipalClient;
import jp.shomei.app.support.RunningShomei;
import jp.shomei.ca.api.credentials.LocalCredentials;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.keys.testsupport.MutableClock;
import jp.shomei.ca.testsupport.PostgresSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real PostgreSQL goes away under a running server and comes back: meanwhile the municipal API
 * answers 503 store-unavailable problems and /health is red naming the store; afterwards both
 * recover by themselves, without a restart. The database is reached through a TCP relay the test
 * severs, so that the shared test server itself keeps running for everyone else.
 */
class DatabaseOutageTest {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @TempDir
    Path root;

    @Test
    void whileTheDatabaseIsGoneRequestsAre503AndHealthIsRedAndBothRecoverWhenItIsBack() throws Exception {
        DatabaseConfig database = SCHEMAS.newDatabase();
        URI direct = URI.create(database.url().substring("jdbc:".length()));
        try (SeverableTcpProxy proxy = new SeverableTcpProxy(direct.getHost(), direct.getPort())) {
            Path data = Files.createDirectories(root.resolve("data"));
            Files.writeString(data.resolve("shomei.properties"), String.join("\n",
                    "database.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath() + "?" + direct.getQuery(),
                    "database.user=" + database.user(), ""));
            Map<String, String> environment = new HashMap<>(RunningShomei.environmentForThisRun());
            environment.put("SHOMEI_DATABASE_PASSWORD", database.password());
            try (ShomeiServer server = ShomeiServer.start(ShomeiConfig.load(data, environment).withPorts(0, 0),
                    new MutableClock(RunningShomei.START), environment)) {
                MunicipalClient chiyoda = clientOf(server);
                assertThat(chiyoda.put("/v1/residents/30000000001", ApiBodies.taroInChiyoda()).status()).isEqualTo(201);

                proxy.sever();
                MunicipalClient.Response write;
                MunicipalClient.Response read;
                MunicipalClient.Response health;
                try {
                    write = chiyoda.put("/v1/residents/30000000002", ApiBodies.taroInChiyoda());
                    read = chiyoda.get("/v1/residents/30000000001");
                    health = chiyoda.get("/health");
                } finally {
                    proxy.restore();
                }

                assertThat(write.status()).as(write.body()).isEqualTo(503);
                assertThat(write.json().getString("code")).isEqualTo("store-unavailable");
                assertThat(read.status()).as(read.body()).isEqualTo(503);
                assertThat(read.json().getString("code")).isEqualTo("store-unavailable");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().getJsonObject("checks").getJsonObject("store").getString("reason"))
                        .isEqualTo("database unreachable");

                awaitHealthy(chiyoda);
                assertThat(chiyoda.put("/v1/residents/30000000002", ApiBodies.taroInChiyoda()).status())
                        .as("the refused registration was not half-done and goes through now").isEqualTo(201);
                assertThat(chiyoda.get("/v1/residents/30000000001").status()).isEqualTo(200);
            }
        }
    }

    private static MunicipalClient clientOf(ShomeiServer server) {
        LocalCredentials.Credential client = server.credentials().client(RunningShomei.CHIYODA);
        return MunicipalClient.withClientCertificate(server.municipalUrl(),
                server.credentials().operationsCa().certificate(), client.certificate(), client.privateKey());
    }

    private static void awaitHealthy(MunicipalClient client) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (client.get("/health").status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/health did not turn green within 60 seconds of the database coming back");
    }
}
