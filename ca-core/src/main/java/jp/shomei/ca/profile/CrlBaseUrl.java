package jp.shomei.ca.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Shomei publishes CRLs, written into every end-entity certificate: an absolute http or https
 * URL without a trailing slash, such as {@code http://crl.shomei.example} or
 * {@code https://shomei.example/pki}. Checked once at start-up, because a mistake here would be
 * signed into millions of certificates.
 */
public record CrlBaseUrl(String value) {

    public CrlBaseUrl {
        Objects.requireNonNull(value, "CRL base URL");
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException("CRL base URL '" + value + "' " + problem
                    + "; expected an absolute http or https URL without a trailing slash, e.g. http://crl.shomei.example");
        }
    }

    /** The URL of a file below the base, for example {@code crl/sign/131016.crl}. */
    public String resolve(String relativePath) {
        return value + "/" + relativePath;
    }

    private static String problemWith(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return uri.getScheme() == null ? "has no scheme" : "has scheme '" + uri.getScheme() + "'";
        }
        if (uri.getHost() == null) {
            return "has no host";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "has a query or fragment";
        }
        if (value.endsWith("/")) {
            return "ends with '/'";
        }
        return null;
    }
}
