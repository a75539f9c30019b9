package jp.shomei.ca.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import jp.shomei.keys.SoftwareKeySource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One software key source for all the tests of a class, in a directory of its own that is removed
 * afterwards. Decrypting a key is deliberately slow and the source caches what it decrypted, so the
 * CA keys are made and opened once per class while each test gets a fresh store. Register it as
 * {@code @RegisterExtension static final SharedKeySource KEYS = new SharedKeySource();}.
 */
public final class SharedKeySource implements BeforeAllCallback, AfterAllCallback {

    private Path directory;
    private SoftwareKeySource source;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("shomei-keys-");
        source = TestCa.newKeySource(directory);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        source.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(SharedKeySource::delete);
        }
    }

    public SoftwareKeySource source() {
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
