package org.jembed.core.nativebuild;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jembed.core.Outputs;

/**
 * What the files of a native build step were made with, one line per input, kept in a text file beside them (e.g.
 * {@code target/jembed/obj/compile.stamp}): the step is up to date only when the lines it would write now equal the
 * file's. The compilers' own checks compare only times of sources and objects, and the linker component relinks every
 * time; a stamp adds everything else that changes the output: the compiler (its path, size and modification time, so an
 * upgraded gcc counts), every option, the include path, jembed's version, and for a link the states (size,
 * modification time) of its inputs and outputs, so a rebuilt object or a replaced library counts too. A stamp is
 * written only after its step succeeded, and removed before the step runs: an interrupted step leaves no stamp.
 *
 * @param lines the stamp's lines, in order
 */
record BuildStamp(List<String> lines) {

    private static final String VERSION = jembedVersion();

    /** Copies {@code lines}. */
    BuildStamp {
        lines = List.copyOf(lines);
    }

    /** A stamp that begins with jembed's version and the identity of {@code compiler}, then {@code lines}. */
    static BuildStamp of(String compiler, List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add("jembed " + VERSION);
        all.add("compiler " + compiler + " " + identity(compiler));
        all.addAll(lines);
        return new BuildStamp(all);
    }

    /** This stamp and then one line per file: its name and state ({@link #state(Path)}). */
    BuildStamp withStates(String what, List<Path> files) {
        List<String> all = new ArrayList<>(lines);
        for (Path f : files) {
            all.add(what + " " + f.getFileName() + " " + state(f));
        }
        return new BuildStamp(all);
    }

    /** Whether {@code file} holds exactly this stamp. */
    boolean matches(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text());
    }

    /** Writes this stamp to {@code file}. */
    void write(Path file) throws IOException {
        Outputs.write(file, text());
    }

    private String text() {
        return String.join("\n", lines) + "\n";
    }

    /** A file's size and modification time, or {@code absent}; a symbolic link is described, not followed. */
    static String state(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return "absent";
            }
            if (Files.isSymbolicLink(file)) {
                return "-> " + Files.readSymbolicLink(file);
            }
            return Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Which file {@code compiler} runs and its state: a path as given, else the first match on {@code PATH}, with
     * links resolved ({@code /usr/bin/gcc} → {@code /usr/bin/x86_64-linux-gnu-gcc-12}); {@code not found} when there
     * is none (the compile then fails with its own message).
     */
    static String identity(String compiler) {
        Optional<Path> found = locate(compiler);
        if (found.isEmpty()) {
            return "not found";
        }
        try {
            Path real = found.get().toRealPath();
            return "= " + real + " (" + state(real) + ")";
        } catch (IOException | UncheckedIOException e) {
            return "= " + found.get();
        }
    }

    private static Optional<Path> locate(String command) {
        if (command.contains("/") || command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    /** The plugin's version, from the {@code pom.properties} Maven packs into its jar; {@code development} without. */
    private static String jembedVersion() {
        try (InputStream in = BuildStamp.class.getResourceAsStream(
                "/META-INF/maven/org.jembed/embed-maven-plugin/pom.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
