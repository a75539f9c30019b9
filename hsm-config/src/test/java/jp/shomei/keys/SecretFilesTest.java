package jp.shomei.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path temp;

    @Test
    void createsMissingDirectoriesOwnerOnly() throws Exception {
        Path directory = temp.resolve("a/b");

        SecretFiles.createPrivateDirectories(directory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a")))).isEqualTo("rwx------");
    }

    @Test
    void writesAnOwnerOnlyFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = temp.resolve("secret");

        SecretFiles.writeNew(file, "content".getBytes(StandardCharsets.US_ASCII));

        assertThat(file).hasContent("content");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void neverReplacesAnExistingFile() throws Exception {
        Path file = temp.resolve("secret");
        SecretFiles.writeNew(file, "first".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SecretFiles.writeNew(file, "second".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("first");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }
}
