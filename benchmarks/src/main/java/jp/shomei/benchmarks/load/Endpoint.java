package jp.shomei.benchmarks.load;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import jp.shomei.ca.api.credentials.LocalCredentials;

/**
 * Where the load goes: an http or https origin on this machine, the CA its server certificate must
 * chain to, and the client certificate to present, if any. Only loopback addresses are accepted, so
 * that a mistyped URL cannot turn a benchmark into an attack on someone else's service.
 */
public record Endpoint(URI origin, Optional<Path> trustedCa, Optional<LocalCredentials.Credential> client) {

    public Endpoint {
        if (!"http".equals(origin.getScheme()) && !"https".equals(origin.getScheme()) || origin.getPort() < 0) {
            throw new IllegalArgumentException("the target must be http(s)://host:port, got " + origin);
        }
        if (!loopback(origin.getHost())) {
            throw new IllegalArgumentException("refusing to load " + origin.getHost() + ": only loopback targets are allowed");
        }
        if ("https".equals(origin.getScheme()) && trustedCa.isEmpty()) {
            throw new IllegalArgumentException("an https target needs the CA its server certificate chains to");
        }
    }

    public static Endpoint plain(URI origin) {
        return new Endpoint(origin, Optional.empty(), Optional.empty());
    }

    public static Endpoint tls(URI origin, Path trustedCa, Optional<LocalCredentials.Credential> client) {
        return new Endpoint(origin, Optional.of(trustedCa), client);
    }

    HttpClientOptions clientOptions(LoadShape shape) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost(origin.getHost()).setDefaultPort(origin.getPort())
                .setConnectTimeout((int) shape.timeout().toMillis());
        trustedCa.ifPresent(ca -> options.setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        client.ifPresent(credential -> options.setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(credential.certificate().toString()).setKeyPath(credential.privateKey().toString())));
        return options;
    }

    private static boolean loopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
