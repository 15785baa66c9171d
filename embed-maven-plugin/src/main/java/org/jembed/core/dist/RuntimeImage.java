package org.jembed.core.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jembed.core.BuildLog;
import org.jembed.core.JdkCheck;
import org.jembed.core.ToolCall;

/**
 * The bundled Java runtime: the modules the frozen classes use ({@code jdeps --print-module-deps}) plus those the
 * user lists, linked by {@code jlink} into a stripped image with a CDS archive. A library finds it as
 * {@code $ORIGIN/jre}. The image is kept between builds while its module list and JDK are unchanged.
 */
public final class RuntimeImage {

    /** jlink options: no debug attributes, man pages or C headers; a default CDS archive for faster start. */
    public static final List<String> JLINK_OPTIONS =
            List.of("--strip-debug", "--no-man-pages", "--no-header-files", "--generate-cds-archive");

    /**
     * A runtime to build.
     *
     * @param javaHome   the JDK whose {@code jdeps}, {@code jlink} and modules are used
     * @param classpath  what the library freezes: classes directories and jars
     * @param extraModules modules to add beyond those {@code jdeps} finds (e.g. {@code jdk.jdwp.agent}, or modules
     *                   reached only by reflection)
     * @param output     the image directory, e.g. {@code target/jembed/jre}
     */
    public record Request(Path javaHome, List<Path> classpath, List<String> extraModules, Path output) {}

    /**
     * The built image.
     *
     * @param image   its directory
     * @param modules the modules it holds (their dependencies come too)
     * @param bytes   its size on disk
     * @param reused  true when the previous build's image was kept
     */
    public record Result(Path image, List<String> modules, long bytes, boolean reused) {}

    private RuntimeImage() {
    }

    /**
     * Computes the modules and links the image.
     *
     * @throws IOException when jdeps or jlink fail (their output is in the message)
     */
    public static Result build(Request r, BuildLog log) throws IOException {
        int feature = JdkCheck.feature(r.javaHome()).orElse(Runtime.version().feature());
        List<String> jdeps = new ArrayList<>(List.of(tool(r.javaHome(), "jdeps"), "--print-module-deps",
                "--ignore-missing-deps", "--multi-release", Integer.toString(feature), "-q"));
        r.classpath().stream().filter(Files::exists).forEach(p -> jdeps.add(p.toAbsolutePath().toString()));
        ToolCall deps = ToolCall.run(jdeps, r.output().toAbsolutePath().getParent());
        log.debug(deps.summary());
        if (!deps.succeeded()) {
            throw new IOException("jdeps failed (exit " + deps.exitCode() + "):\n" + deps.stdout() + deps.stderr());
        }
        TreeSet<String> modules = new TreeSet<>();
        modules.add("java.base");
        for (String m : deps.stdout().strip().split("[,\\s]+")) {
            if (!m.isBlank()) {
                modules.add(m.strip());
            }
        }
        modules.addAll(r.extraModules());
        String stamp = r.javaHome().toAbsolutePath() + "\n" + String.join(",", modules) + "\n"
                + String.join(" ", JLINK_OPTIONS) + "\n";
        Path stampFile = r.output().resolveSibling(r.output().getFileName() + ".modules");
        if (Files.isDirectory(r.output()) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
            return new Result(r.output(), List.copyOf(modules), size(r.output()), true);
        }
        Bundle.deleteTree(r.output());
        Files.deleteIfExists(stampFile);
        List<String> jlink = new ArrayList<>(List.of(tool(r.javaHome(), "jlink"), "--add-modules",
                String.join(",", modules)));
        jlink.addAll(JLINK_OPTIONS);
        jlink.addAll(List.of("--output", r.output().toAbsolutePath().toString()));
        ToolCall link = ToolCall.run(jlink, r.output().toAbsolutePath().getParent());
        log.debug(link.summary());
        if (!link.succeeded()) {
            throw new IOException("jlink failed (exit " + link.exitCode() + "):\n" + link.stdout() + link.stderr());
        }
        Files.writeString(stampFile, stamp);
        return new Result(r.output(), List.copyOf(modules), size(r.output()), false);
    }

    private static String tool(Path javaHome, String name) throws IOException {
        Path p = javaHome.resolve("bin").resolve(name);
        if (!Files.isExecutable(p)) {
            throw new IOException("no " + name + " in " + javaHome + "/bin: <bundleRuntime> needs a full JDK");
        }
        return p.toString();
    }

    /** Bytes of the regular files below {@code dir}. */
    public static long size(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
