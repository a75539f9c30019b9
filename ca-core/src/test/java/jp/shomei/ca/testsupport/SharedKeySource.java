package jp.shomei.ca.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import jp.shomei.keys.KeySource;
import jp.shomei.keys.pkcs11.Pkcs11KeySource;
import jp.shomei.keys.pkcs11.Pkcs11Settings;
import jp.shomei.keys.pkcs11.SoftHsm;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One key source for all the tests of a class. Register it as
 * {@code @RegisterExtension static final SharedKeySource KEYS = new SharedKeySource();}.
 *
 * <p>By default a software key store in a directory of its own, removed afterwards: decrypting a
 * key is deliberately slow and the store caches what it decrypted, so the CA keys are made and
 * opened once per class while each test gets a fresh store. With the system property
 * {@value #KEYS_PROPERTY}={@value #SOFTHSM} the CA keys are made instead on a SoftHSM token of
 * their own, through the PKCS#11 signing pool as in production, so that the same specifications
 * prove that nothing depends on where the keys live (ca-core's pom runs them once each way).
 */
public final class SharedKeySource implements BeforeAllCallback, AfterAllCallback {

    public static final String KEYS_PROPERTY = "shomei.test.keys";
    public static final String SOFTHSM = "softhsm";

    private Path directory;
    private KeySource source;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String where = System.getProperty(KEYS_PROPERTY, "software");
        switch (where) {
            case "software" -> {
                directory = Files.createTempDirectory("shomei-keys-");
                source = TestCa.newKeySource(directory);
            }
            case SOFTHSM -> source = onNewSoftHsmToken();
            default -> throw new IllegalArgumentException(KEYS_PROPERTY + " must be 'software' or '" + SOFTHSM
                    + "', not '" + where + "'");
        }
    }

    private static KeySource onNewSoftHsmToken() {
        SoftHsm.Token token = SoftHsm.newToken("ca");
        char[] pin = token.pinChars();
        try {
            return Pkcs11KeySource.open(Pkcs11Settings.of(SoftHsm.MODULE, token.label(), Optional.empty()), pin,
                    Clock.systemUTC());
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        source.close();
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(SharedKeySource::delete);
            }
        }
    }

    public KeySource source() {
        return source;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
