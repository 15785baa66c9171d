package org.jembed.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

    /**
     * Removes the files below {@code dir} whose names end with {@code suffix} and whose first line starts with
     * {@code banner} (so only files jembed generated), except those in {@code keep}.
     *
     * @param keep absolute, normalized paths of the files to keep
     * @return the removed files
     * @throws IOException when {@code dir} cannot be walked or a file cannot be removed
     */
    public static List<Path> removeGenerated(Path dir, Set<Path> keep, String suffix, String banner) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(dir)) {
            candidates = walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path p : candidates) {
            if (keep.contains(p.toAbsolutePath().normalize())) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                String first = in.readLine();
                if (first == null || !first.startsWith(banner)) {
                    continue;
                }
            } catch (java.nio.charset.MalformedInputException e) {
                continue;
            }
            Files.delete(p);
            removed.add(p);
        }
        return removed;
    }

    /** As {@link #write(Path, byte[])}, for UTF-8 text. */
    public static boolean write(Path file, String content) throws IOException {
        return write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
