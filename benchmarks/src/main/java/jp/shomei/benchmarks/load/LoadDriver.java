package jp.shomei.benchmarks.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.shomei.ca.api.credentials.LocalCredentials;

/**
 * Loads one URL on this machine with one fixed request, over HTTP/1.1 keep-alive, TLS and a client
 * certificate when asked: what wrk does, plus mutual TLS. Prints the figure and, with
 * {@code --results}, writes it per the results contract ({@link ResultFile}).
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" jp.shomei.benchmarks.load.LoadDriver \
 *   --name NAME --url https://127.0.0.1:8444/v1/validations
 *   [--method GET|POST] [--body FILE] [--content-type TYPE] [--expect 200]
 *   [--ca operations-ca.pem] [--cert client.pem --key client.key.pem]
 *   [--connections 8] [--seconds 15] [--requests N] [--rate R] [--warmup-seconds 5] [--results DIR]
 * </pre>
 *
 * Without {@code --rate} the load is closed-loop (maximum throughput); with it, open-loop at R
 * requests a second. The run ends after {@code --seconds} or {@code --requests}, whichever is first.
 * The warm-up is the same load, not recorded. Only loopback targets are accepted.
 */
public final class LoadDriver {

    private static final Set<String> OPTIONS = Set.of("name", "url", "method", "body", "content-type", "expect", "ca", "cert",
            "key", "connections", "seconds", "requests", "rate", "warmup-seconds", "results");

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args, OPTIONS);
        URI url = URI.create(arguments.required("url"));
        Endpoint endpoint = new Endpoint(URI.create(url.getScheme() + "://" + url.getHost() + ":" + url.getPort()),
                Optional.ofNullable(arguments.text("ca", null)).map(Path::of),
                arguments.has("cert") ? Optional.of(new LocalCredentials.Credential(Path.of(arguments.required("cert")),
                        Path.of(arguments.required("key")))) : Optional.empty());
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Buffer body = arguments.has("body") ? Buffer.buffer(Files.readAllBytes(Path.of(arguments.required("body")))) : null;
        LoadRequest request = new LoadRequest(HttpMethod.valueOf(arguments.text("method", body == null ? "GET" : "POST")),
                path, arguments.text("content-type", body == null ? null : "application/octet-stream"), body,
                (int) arguments.number("expect", 200), answer -> { });
        int connections = (int) arguments.number("connections", 8);
        double rate = arguments.number("rate", 0);
        long requests = (long) arguments.number("requests", Long.MAX_VALUE);
        LoadShape measured = new LoadShape(connections, Duration.ofMillis((long) (arguments.number("seconds", 15) * 1000)),
                requests, rate, LoadShape.DEFAULT_TIMEOUT);
        String name = arguments.required("name");

        Vertx vertx = Vertx.vertx();
        try {
            double warmUp = arguments.number("warmup-seconds", 5);
            if (warmUp > 0) {
                System.out.println(LoadRun.run(name + " (warm-up)", vertx, endpoint, new LoadShape(connections,
                        Duration.ofMillis((long) (warmUp * 1000)), Long.MAX_VALUE, rate, LoadShape.DEFAULT_TIMEOUT),
                        () -> request).summary());
            }
            LoadResult result = LoadRun.run(name, vertx, endpoint, measured, () -> request);
            System.out.println(result.summary());
            if (arguments.has("results")) {
                System.out.println("wrote " + ResultFile.write(Path.of(arguments.required("results")),
                        ResultFile.throughput(result, arguments.command(LoadDriver.class))));
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
