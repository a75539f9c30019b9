package jp.shomei.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import jp.shomei.ca.profile.CrlBaseUrl;
import jp.shomei.ca.resident.Municipality;
import jp.shomei.ca.store.DatabaseConfig;

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
        List<String> demoMunicipalities) {

    public static final String PROPERTIES_FILE = "shomei.properties";
    static final Set<String> KEYS = Set.of("municipal.host", "municipal.port", "validation.host", "validation.port",
            "crl.base-url", "database.url", "database.user", "database.max-connections", "demo.municipalities");

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

    public ShomeiConfig {
        demoMunicipalities = List.copyOf(demoMunicipalities);
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
                            .map(String::trim).filter(s -> !s.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The same configuration with both listeners on other ports (0 for any free port). */
    public ShomeiConfig withPorts(int municipalPort, int validationPort) {
        return new ShomeiConfig(dataDirectory, new Listener(municipal.host(), municipalPort),
                new Listener(validation.host(), validationPort), crlBaseUrl, database, demoMunicipalities);
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
