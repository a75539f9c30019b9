package jp.shomei.app.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import jp.shomei.ca.api.credentials.LocalCredentials;

/**
 * A blocking client for the municipal API (docs/municipal-api.md) that calls as one municipality,
 * identified by its client certificate. Each method is one HTTP exchange and returns the response
 * body; a refusal arrives as {@link ApiProblemException}, a transport failure as
 * {@link ServiceUnreachableException}.
 */
public final class MunicipalClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    // Issuing signs inside a database transaction; a slow disk can take a while, a hung server longer.
    private static final long REQUEST_TIMEOUT_MILLIS = 60_000;

    private final Vertx vertx;
    private final WebClient web;
    private final String baseUrl;

    private MunicipalClient(Vertx vertx, WebClient web, String baseUrl) {
        this.vertx = vertx;
        this.web = web;
        this.baseUrl = baseUrl;
    }

    /**
     * A client for the service at {@code serviceUrl} that presents {@code client} and trusts only
     * server certificates issued by {@code trustedServerIssuer}.
     *
     * @throws IllegalArgumentException naming the missing file or the unusable URL
     */
    public static MunicipalClient connect(URI serviceUrl, LocalCredentials.Credential client, Path trustedServerIssuer) {
        if (!"https".equals(serviceUrl.getScheme()) || serviceUrl.getHost() == null) {
            throw new IllegalArgumentException("--url must be an https:// URL with a host, got '" + serviceUrl + "'");
        }
        String clientHint = "./shomei start creates client credentials for the municipalities listed in the "
                + "demo.municipalities setting";
        requireFile(client.certificate(), "client certificate", clientHint);
        requireFile(client.privateKey(), "client private key", clientHint);
        requireFile(trustedServerIssuer, "operations CA certificate",
                "./shomei start creates it on first start; is --data the service's data directory?");
        Vertx vertx = Vertx.vertx();
        WebClientOptions options = new WebClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(client.certificate().toString())
                        .setKeyPath(client.privateKey().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(trustedServerIssuer.toString()));
        String base = serviceUrl.toString().replaceAll("/+$", "");
        return new MunicipalClient(vertx, WebClient.create(vertx, options), base);
    }

    /** Registers a resident, or records a change to one (PUT /v1/residents/{code}). */
    public JsonObject putResident(String residentCode, ResidentRecord resident) {
        return send(HttpMethod.PUT, "/v1/residents/" + segment(residentCode), resident.toJson());
    }

    /** The resident's record and a summary of every certificate issued to them. */
    public JsonObject resident(String residentCode) {
        return send(HttpMethod.GET, "/v1/residents/" + segment(residentCode), null);
    }

    public JsonObject reportDeath(String residentCode, LocalDate diedOn) {
        return send(HttpMethod.POST, "/v1/residents/" + segment(residentCode) + "/death",
                new JsonObject().put("diedOn", diedOn.toString()));
    }

    /** Requests a certificate of kind {@code ca} ("sign" or "auth") for the key in a PEM PKCS#10 request. */
    public JsonObject enroll(String residentCode, String ca, String csrPem, LocalDate cardExpiresOn) {
        return send(HttpMethod.POST, "/v1/residents/" + segment(residentCode) + "/certificates", new JsonObject()
                .put("ca", ca).put("csr", csrPem).put("cardExpiresOn", cardExpiresOn.toString()));
    }

    public JsonObject certificate(String serial) {
        return send(HttpMethod.GET, "/v1/certificates/" + segment(serial), null);
    }

    public JsonObject history(String serial) {
        return send(HttpMethod.GET, "/v1/certificates/" + segment(serial) + "/history", null);
    }

    public JsonObject suspend(String serial) {
        return send(HttpMethod.POST, "/v1/certificates/" + segment(serial) + "/suspend", null);
    }

    public JsonObject resume(String serial) {
        return send(HttpMethod.POST, "/v1/certificates/" + segment(serial) + "/resume", null);
    }

    /** Revokes with an RFC 5280 reason name, for example "keyCompromise". */
    public JsonObject revoke(String serial, String reason) {
        return send(HttpMethod.POST, "/v1/certificates/" + segment(serial) + "/revoke",
                new JsonObject().put("reason", reason));
    }

    /** Replaces a certificate in its renewal window; the card expiry carries over unless a new one is given. */
    public JsonObject renew(String serial, String csrPem, Optional<LocalDate> cardExpiresOn) {
        JsonObject body = new JsonObject().put("csr", csrPem);
        cardExpiresOn.ifPresent(date -> body.put("cardExpiresOn", date.toString()));
        return send(HttpMethod.POST, "/v1/certificates/" + segment(serial) + "/renew", body);
    }

    /** Registers a phone on a DER CMS SignedData application signed with the card (POST /v1/residents/{code}/phones). */
    public JsonObject registerPhone(String residentCode, byte[] signedApplication) {
        return send(HttpMethod.POST, "/v1/residents/" + segment(residentCode) + "/phones",
                new JsonObject().put("application", java.util.Base64.getEncoder().encodeToString(signedApplication)));
    }

    /** Switches the card between "pin" and "face" (face-only) use. */
    public JsonObject switchAuthenticationMode(String residentCode, String mode) {
        return send(HttpMethod.PUT, "/v1/residents/" + segment(residentCode) + "/authentication-mode",
                new JsonObject().put("mode", mode));
    }

    /** The certificate's successor and predecessor chains and its signing-authentication pairs. */
    public JsonObject links(String serial) {
        return send(HttpMethod.GET, "/v1/certificates/" + segment(serial) + "/links", null);
    }

    @Override
    public void close() {
        web.close();
        vertx.close();
    }

    private JsonObject send(HttpMethod method, String path, JsonObject body) {
        String url = baseUrl + path;
        HttpRequest<Buffer> request = web.requestAbs(method, url).timeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader("Accept", "application/json, application/problem+json");
        HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
        JsonObject json = parse(response);
        if (response.statusCode() >= 400) {
            throw ApiProblemException.from(response.statusCode(), json);
        }
        if (json == null) {
            throw new ApiProblemException(response.statusCode(), "unreadable-response",
                    method + " " + path + " answered without a JSON body");
        }
        return json;
    }

    private HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> exchange) {
        try {
            return exchange.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted while waiting for " + baseUrl);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SSLException) {
                throw new ServiceUnreachableException("TLS handshake with " + baseUrl + " failed (" + cause.getMessage()
                        + "); is --url the service that created this --data directory's credentials?");
            }
            throw new ServiceUnreachableException("cannot reach " + baseUrl + " (" + cause.getMessage()
                    + "); is ./shomei start running?");
        }
    }

    /** The body as JSON, or null when there is none or it is not JSON (a proxy's error page, say). */
    private static JsonObject parse(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    // Codes come from the command line: encoding keeps a stray '/' or '?' from reaching another route.
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void requireFile(Path file, String what, String hint) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file + "; " + hint);
        }
    }
}
