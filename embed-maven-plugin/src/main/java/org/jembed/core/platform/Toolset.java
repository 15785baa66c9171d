package org.jembed.core.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C compiler and binutils that build for a target platform, and whether the build is a cross build. The compiler
 * is the pom's {@code <compiler>} when set, else {@code gcc} for the build machine's own platform, else the target's
 * cross compiler by its Debian name ({@link Platform#crossPrefix()} + {@code gcc}, e.g. {@code aarch64-linux-gnu-gcc}).
 * {@code nm}, {@code objdump} and {@code ar} come from the compiler's own prefix ({@code aarch64-linux-gnu-gcc} →
 * {@code aarch64-linux-gnu-nm}), as CMake's toolchain files and autoconf's {@code --host} derive them.
 *
 * @param target   the platform built for
 * @param host     the build machine's platform
 * @param compiler the C compiler driver, e.g. {@code gcc}, {@code x86_64-w64-mingw32-gcc}, {@code /opt/x/bin/cc}
 * @param prefix   the tool prefix, including any directory of the compiler, e.g. {@code x86_64-w64-mingw32-}; empty
 *                 for the plain tools
 */
public record Toolset(Platform target, Platform host, String compiler, String prefix) {

    private static final Pattern DRIVER = Pattern.compile("(.*?)(gcc|clang|cc)(-[0-9.]+)?");

    /**
     * The toolset for {@code target}.
     *
     * @param configured the pom's {@code <compiler>}, if set
     * @throws IllegalArgumentException when no compiler is configured for a target without a naming convention (macOS)
     */
    public static Toolset of(Platform target, Platform host, Optional<String> configured) {
        String compiler;
        if (configured.isPresent() && !configured.get().isBlank()) {
            compiler = configured.get().strip();
        } else if (target.equals(host)) {
            compiler = "gcc";
        } else {
            compiler = target.crossPrefix().map(p -> p + "gcc").orElseThrow(() -> new IllegalArgumentException(
                    "building for " + target + " needs a C compiler for it, and there is no conventional name: set"
                            + " <compiler> (e.g. osxcross's o64-clang) or -Djembed.compiler=..."));
        }
        return new Toolset(target, host, compiler, prefixOf(compiler, target, host));
    }

    /** The prefix of {@code compiler}'s tools: what precedes {@code gcc}/{@code clang}/{@code cc} in its name. */
    static String prefixOf(String compiler, Platform target, Platform host) {
        Matcher m = DRIVER.matcher(compiler);
        if (m.matches()) {
            return m.group(1);
        }
        // An unusual driver name: the plain tools for the build machine, the convention's for a cross target.
        return target.equals(host) ? "" : target.crossPrefix().orElse("");
    }

    /** Whether the library is built for another platform than the build machine's. */
    public boolean cross() {
        return !target.equals(host);
    }

    /** A binutils tool of this toolset, e.g. {@code tool("nm")} → {@code aarch64-linux-gnu-nm}. */
    public String tool(String name) {
        return prefix + name;
    }

    /**
     * The compiler, checked: it must be a file, or a command found on {@code PATH}.
     *
     * @return a fix-it message when it is missing, naming the Debian package of a cross target's conventional
     *         compiler; empty when it is there
     */
    public Optional<String> missingCompiler() {
        if (found(compiler)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("no C compiler '" + compiler + "' for " + target + " on the PATH: ");
        Optional<String> pkg = target.crossCompilerPackage();
        if (cross() && pkg.isPresent() && target.crossPrefix().map(p -> (p + "gcc").equals(compiler)).orElse(false)) {
            sb.append("install it (Debian/Ubuntu: apt-get install ").append(pkg.get()).append(") or set <compiler>");
        } else {
            sb.append("install it or set <compiler> to one that builds for ").append(target);
        }
        return Optional.of(sb.toString());
    }

    /** Whether a command is a file or is on {@code PATH}. */
    public static boolean found(String command) {
        if (command.contains("/") || command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
