package jp.shomei.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Writes files that hold secrets: readable by the owner only (where the file system knows POSIX
 * permissions), and either complete or absent.
 */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Creates the directory, and any missing parents, as rwx------ unless it already exists. */
    static void createPrivateDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, permissions(directory, "rwx------"));
        }
    }

    /**
     * Publishes {@code content} as {@code target}, which must not exist yet.
     *
     * <p>The content is written and flushed to disk under a temporary name, then hard-linked to the
     * target. Like a rename, link(2) makes the file appear complete or not at all; unlike a rename
     * (ATOMIC_MOVE) it refuses to replace an existing file, even one another process created a
     * moment ago. Replacing a CA key file or the passphrase file would make every key under it
     * unusable, so that refusal is the point.
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    static void writeNew(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp",
                permissions(directory, "rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer remaining = ByteBuffer.wrap(content);
                while (remaining.hasRemaining()) {
                    channel.write(remaining);
                }
                channel.force(true);
            }
            Files.createLink(target, temporary);
        } finally {
            Files.delete(temporary);
        }
    }

    /**
     * Reads a secret such as a passphrase or PIN into an array the caller should wipe. Decodes UTF-8
     * into wipeable arrays rather than through an immutable String.
     */
    static char[] readSecret(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            // Tolerate the newline an editor or `echo` leaves at the end.
            while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                end--;
            }
            return Arrays.copyOf(chars.array(), end);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    private static FileAttribute<?>[] permissions(Path onFileSystemOf, String permissions) {
        if (!onFileSystemOf.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        };
    }
}
