package org.jembed.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes generated files only when their content changes (so timestamps, and the native build's
 * up-to-date checks, follow content), and atomically (a temporary file moved into place), so an
 * interrupted build never leaves a half-written file behind.
 */
public final class Outputs {
    private Outputs() {
    }

    /**
     * Writes {@code content} to {@code file} unless it already holds exactly that.
     *
     * @return true when the file was (re)written
     * @throws IOException when the file or its directory cannot be written
     */
    public static boolean write(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** As {@link #write(Path, byte[])}, for UTF-8 text. */
    public static boolean write(Path file, String content) throws IOException {
        return write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
