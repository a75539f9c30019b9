package jp.shomei.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import jp.shomei.ca.api.MunicipalRateLimit;
import jp.shomei.ca.authority.CaKind;
import jp.shomei.ca.lifecycle.AuthorityBootstrap;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.ratelimit.RequestRate;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.DatabaseConfig;
import jp.shomei.crl.generation.CrlPolicy;
import jp.shomei.keys.KeyLabel;
import jp.shomei.keys.KeySourceException;
import jp.shomei.keys.pkcs11.Pkcs11Settings;
import jp.shomei.ocsp.OcspSettings;

/**
 * Everything Shomei can be configured with, validated when built so that a wrong setting stops the
 * start with a message naming it. Sources, later ones winning: built-in defaults, the properties file
 * {@code <data>/shomei.properties} if present, environment variables for secrets.
 * See the configuration reference in README.md.
 */
public record ShomeiConfig(
        Path dataDirectory,
        Listener municipal,
        Listener validation,
        CrlBaseUrl crlBaseUrl,
        DatabaseConfig database,
        List<String> demoMunicipalities,
        CrlPolicy crl,
        Optional<Pkcs11Settings> pkcs11Keys,
        Listener verifier,
        AuditSettings audit,
        Map<CaKind, CaKeyOnToken> pkcs11CaKeys,
        RequestRate municipalRateLimit,
        OcspSettings ocsp) {

    public static final String PROPERTIES_FILE = "shomei.properties";
    static final Set<String> KEYS = Set.of("municipal.host", "municipal.port", "validation.host", "validation.port",
            "crl.base-url", "database.url", "database.user", "database.max-connections", "demo.municipalities",
            "crl.full-interval", "crl.delta-interval", "crl.kept-generations",
            "keys.source", "keys.pkcs11.module", "keys.pkcs11.token", "keys.pkcs11.pin-file", "keys.pkcs11.sessions",
            "verifier.host", "verifier.port",
            "audit.key-label", "audit.checkpoint-interval",
            "keys.pkcs11.sign.token", "keys.pkcs11.sign.label", "keys.pkcs11.auth.token", "keys.pkcs11.auth.label",
            "municipal.rate-limit.per-second", "municipal.rate-limit.burst",
            "ocsp.response-validity", "ocsp.presigned-capacity");

    /**
     * Where one CA's first key lives with keys.source=pkcs11: the token (by label) and the key's label
     * on it. The store keeps naming the key as before; only where it is looked up changes.
     */
    public record CaKeyOnToken(String token, KeyLabel label) {
    }

    /** A host and port to listen on; port 0 picks a free one (tests). */
    public record Listener(String host, int port) {
        public Listener {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve listener host '" + host + "'");
            }
        }
    }

    /**
     * The audit key's label in the key source (created on first start like the CA keys) and how often
     * the audit log's head is signed as a checkpoint.
     */
    public record AuditSettings(String keyLabel, Duration checkpointInterval) {

        public static final String DEFAULT_KEY_LABEL = "audit-1";
        public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofHours(1);

        public AuditSettings {
            try {
                new KeyLabel(keyLabel);
            } catch (KeySourceException e) {
                throw new IllegalArgumentException("audit.key-label: " + e.getMessage(), e);
            }
            if (checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("audit.checkpoint-interval must be at least PT1S, got " + checkpointInterval);
            }
        }
    }

    public ShomeiConfig {
        demoMunicipalities = List.copyOf(demoMunicipalities);
        pkcs11CaKeys = Map.copyOf(pkcs11CaKeys);
        for (String code : demoMunicipalities) {
            if (!Municipality.isValidCode(code)) {
                throw new IllegalArgumentException("demo.municipalities: '" + code + "' is not a local government code");
            }
        }
    }

    /** Reads the configuration for this data directory; environment supplies SHOMEI_DATABASE_PASSWORD. */
    public static ShomeiConfig load(Path dataDirectory, Map<String, String> environment) {
        Properties properties = new Properties();
        Path file = dataDirectory.resolve(PROPERTIES_FILE);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown setting '" + key + "'; known settings are "
                        + KEYS.stream().sorted().toList());
            }
        }
        try {
            Optional<Pkcs11Settings> pkcs11Keys = pkcs11Keys(properties, dataDirectory);
            Optional<String> databaseUrl = Optional.ofNullable(properties.getProperty("database.url"));
            DatabaseConfig database = databaseUrl
                    .map(url -> new DatabaseConfig(url, properties.getProperty("database.user", "shomei"),
                            environment.getOrDefault("SHOMEI_DATABASE_PASSWORD", ""),
                            integer(properties, "database.max-connections", 16)))
                    .orElseGet(() -> DatabaseConfig.embedded(dataDirectory));
            return new ShomeiConfig(dataDirectory.toAbsolutePath(),
                    new Listener(properties.getProperty("municipal.host", "127.0.0.1"),
                            integer(properties, "municipal.port", 8443)),
                    new Listener(properties.getProperty("validation.host", "127.0.0.1"),
                            integer(properties, "validation.port", 8080)),
                    new CrlBaseUrl(properties.getProperty("crl.base-url", "http://127.0.0.1:8080")),
                    database,
                    Arrays.stream(properties.getProperty("demo.municipalities", "131016,131032").split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    new CrlPolicy(duration(properties, "crl.full-interval", CrlPolicy.DEFAULT_FULL_INTERVAL),
                            duration(properties, "crl.delta-interval", CrlPolicy.DEFAULT_DELTA_INTERVAL),
                            integer(properties, "crl.kept-generations", CrlPolicy.DEFAULT_KEPT_GENERATIONS),
                            Runtime.getRuntime().availableProcessors()),
                    pkcs11Keys,
                    new Listener(properties.getProperty("verifier.host", "127.0.0.1"),
                            integer(properties, "verifier.port", 8444)),
                    new AuditSettings(properties.getProperty("audit.key-label", AuditSettings.DEFAULT_KEY_LABEL).trim(),
                            duration(properties, "audit.checkpoint-interval", AuditSettings.DEFAULT_CHECKPOINT_INTERVAL)),
                    pkcs11CaKeys(properties, pkcs11Keys),
                    municipalRateLimit(properties),
                    ocsp(properties));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same configuration with both listeners on other ports (0 for any free port), the verifier listener on any free port. */
    public ShomeiConfig withPorts(int municipalPort, int validationPort) {
        return new ShomeiConfig(dataDirectory, new Listener(municipal.host(), municipalPort),
                new Listener(validation.host(), validationPort), crlBaseUrl, database, demoMunicipalities, crl,
                pkcs11Keys, new Listener(verifier.host(), 0), audit, pkcs11CaKeys, municipalRateLimit, ocsp);
    }

    /**
     * keys.source=software (the default) keeps the CA keys in the encrypted files under the data
     * directory; keys.source=pkcs11 puts them on the token keys.pkcs11.token of the library keys.pkcs11.module.
     */
    private static Optional<Pkcs11Settings> pkcs11Keys(Properties properties, Path dataDirectory) {
        String source = properties.getProperty("keys.source", "software").trim();
        if (source.equals("software")) {
            return Optional.empty();
        }
        if (!source.equals("pkcs11")) {
            throw new IllegalArgumentException("keys.source must be software or pkcs11, got '" + source + "'");
        }
        String module = required(properties, "keys.pkcs11.module");
        String token = required(properties, "keys.pkcs11.token");
        Optional<Path> pinFile = Optional.ofNullable(properties.getProperty("keys.pkcs11.pin-file"))
                .map(String::trim).map(dataDirectory::resolve);
        try {
            return Optional.of(new Pkcs11Settings(Path.of(module), token, pinFile,
                    integer(properties, "keys.pkcs11.sessions", Pkcs11Settings.DEFAULT_SESSIONS),
                    Pkcs11Settings.DEFAULT_FIRST_RETRY, Pkcs11Settings.DEFAULT_MAX_RETRY));
        } catch (KeySourceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * keys.pkcs11.sign.token / .label and keys.pkcs11.auth.token / .label place each CA's key on a
     * token of its own or under a label of its own; by default both keys are on keys.pkcs11.token as
     * ca-sign-1 and ca-auth-1. Every token is opened with the same PIN source.
     */
    private static Map<CaKind, CaKeyOnToken> pkcs11CaKeys(Properties properties, Optional<Pkcs11Settings> pkcs11) {
        Map<CaKind, CaKeyOnToken> placements = new EnumMap<>(CaKind.class);
        for (CaKind kind : CaKind.values()) {
            String prefix = "keys.pkcs11." + kind.pathName() + ".";
            Optional<String> token = optional(properties, prefix + "token");
            Optional<String> label = optional(properties, prefix + "label");
            if (pkcs11.isEmpty()) {
                if (token.isPresent() || label.isPresent()) {
                    throw new IllegalArgumentException(prefix + (token.isPresent() ? "token" : "label")
                            + " places a CA key on a PKCS#11 token, which needs keys.source=pkcs11");
                }
                continue;
            }
            String tokenLabel = token.orElse(pkcs11.get().tokenLabel());
            try {
                Pkcs11Settings.of(pkcs11.get().module(), tokenLabel, pkcs11.get().pinFile());
            } catch (KeySourceException e) {
                throw new IllegalArgumentException(prefix + "token: " + e.getMessage(), e);
            }
            KeyLabel keyLabel;
            try {
                keyLabel = new KeyLabel(label.orElse(AuthorityBootstrap.firstKeyLabel(kind)));
            } catch (KeySourceException e) {
                throw new IllegalArgumentException(prefix + "label: " + e.getMessage(), e);
            }
            CaKeyOnToken placement = new CaKeyOnToken(tokenLabel, keyLabel);
            placements.values().stream().filter(placement::equals).findAny().ifPresent(taken -> {
                throw new IllegalArgumentException("keys.pkcs11.sign and keys.pkcs11.auth both name key '" + keyLabel
                        + "' on token '" + tokenLabel + "'; each CA needs a key of its own");
            });
            placements.put(kind, placement);
        }
        return placements;
    }

    /** Requests a second each municipal client may make on average, and at once; see MunicipalRateLimit.DEFAULT_RATE. */
    private static RequestRate municipalRateLimit(Properties properties) {
        int perSecond = atLeastOne(properties, "municipal.rate-limit.per-second", MunicipalRateLimit.DEFAULT_RATE.perSecond());
        int burst = atLeastOne(properties, "municipal.rate-limit.burst", MunicipalRateLimit.DEFAULT_RATE.burst());
        return new RequestRate(perSecond, burst);
    }

    /** The responder's defaults with the two an operator sizes: how long a response is fresh, and how many are held pre-signed. */
    private static OcspSettings ocsp(Properties properties) {
        OcspSettings defaults = OcspSettings.DEFAULTS;
        return new OcspSettings(duration(properties, "ocsp.response-validity", defaults.responseValidity()),
                defaults.signerValidity(), defaults.signerRenewBefore(), defaults.maxCertificatesPerRequest(),
                defaults.maxRequestBytes(), atLeastOne(properties, "ocsp.presigned-capacity", defaults.presignedCapacity()),
                defaults.feedPollInterval());
    }

    private static int atLeastOne(Properties properties, String key, int defaultValue) {
        int value = integer(properties, key, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
        return value;
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim);
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required when keys.source=pkcs11");
        }
        return value;
    }

    /** An ISO-8601 duration such as PT24H or PT1M. */
    private static Duration duration(Properties properties, String key, Duration defaultValue) {
        String value = properties.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT24H or PT1M, got '" + value + "'");
        }
    }

    private static int integer(Properties properties, String key, int defaultValue) {
        String value = properties.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }
}
