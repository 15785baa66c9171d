package org.jembed.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jembed.core.platform.Platform;

/**
 * Refuses a library name that is also the name of a shared library of the JDK: {@code <libraryName>jvm</libraryName>}
 * builds a {@code libjvm.so} ({@code jvm.dll}) that at run time finds itself instead of the JVM, and a
 * {@code libjava.so}, {@code libnet.so}, ... would be taken by the JDK's own libraries for theirs (they find each other
 * by soname, or on Windows by DLL name, case-insensitively). The names are those of the shared libraries in the build
 * JDK's native library folders ({@link Platform#jdkLibraryDirectories()}, with the build machine's naming), plus
 * {@link #ALWAYS_PRESENT}, since the JDK at run time may be another one; the name checked is the library's file base
 * name, spelled with the target platform's naming in the message.
 */
public final class LibraryNameCheck {
    /** Libraries every HotSpot JDK has (on every platform, with its own prefix and suffix), refused whatever JDK the build uses. */
    public static final Set<String> ALWAYS_PRESENT = Set.of("jvm", "jsig", "java", "jli", "jimage", "verify", "zip",
            "net", "nio", "management", "instrument", "attach", "jaas", "prefs", "extnet", "syslookup", "awt",
            "awt_headless", "jdwp", "dt_socket");

    private LibraryNameCheck() {
    }

    /**
     * The JDK library names: the shared libraries of {@code host}'s naming ({@code lib<name>.so} on Linux) in
     * {@code javaHome}'s native library folders, plus {@link #ALWAYS_PRESENT}; sorted. A folder that is missing or
     * cannot be listed adds nothing (the JDK check of the build reports a JDK that is not one).
     */
    public static Set<String> jdkLibraryNames(Path javaHome, Platform host) {
        Set<String> names = new TreeSet<>(ALWAYS_PRESENT);
        String prefix = host.sharedPrefix();
        String suffix = host.sharedSuffix();
        for (String folder : host.jdkLibraryDirectories()) {
            Path dir = javaHome.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith(prefix) && f.endsWith(suffix) && f.length() > prefix.length() + suffix.length())
                        .forEach(f -> names.add(f.substring(prefix.length(), f.length() - suffix.length())));
            } catch (IOException e) {
                // nothing from this folder; ALWAYS_PRESENT still applies
            }
        }
        return names;
    }

    /**
     * The build error for a colliding name, positioned like a compiler's diagnostic on the pom element that set it
     * ({@code element}, or {@code <artifactId>} when the name was derived from it), with a suggested fix; empty when
     * the name is free.
     *
     * @param base     the checked file base name ({@code <libraryFileName>}, by default the library name)
     * @param element  the pom element that sets it, {@code libraryName} or {@code libraryFileName}
     * @param target   the platform the library is built for: its naming in the message, and case-insensitive on Windows
     * @param host     the build machine's platform: the build JDK's naming
     * @param javaHome the build JDK
     * @param pom      the project's pom, for the position; the message names it without a line when the element
     *                 is not written there (a parent pom, a property on the command line)
     */
    public static Optional<String> collision(String base, String element, Platform target, Platform host, Path javaHome,
                                             Path pom) {
        boolean anyCase = target.os() == Platform.Os.WINDOWS;
        Set<String> names = jdkLibraryNames(javaHome, host);
        String clash = names.stream().filter(n -> anyCase ? n.equalsIgnoreCase(base) : n.equals(base)).findFirst()
                .orElse(null);
        if (clash == null) {
            return Optional.empty();
        }
        String hostFile = host.sharedLibrary(clash);
        boolean fromJdk = host.jdkLibraryDirectories().stream()
                .anyMatch(d -> Files.isRegularFile(javaHome.resolve(d).resolve(hostFile)));
        String targetFile = target.sharedLibrary(clash);
        String where;
        if (!fromJdk) {
            where = targetFile + ", present in every JDK";
        } else if (target.equals(host)) {
            where = hostFile + " in " + javaHome;
        } else {
            where = targetFile + " on " + target + ", as " + hostFile + " in " + javaHome;
        }
        String written = "<" + element + ">" + base + "</" + element + ">";
        String position = position(pom, written).or(() -> position(pom, "<artifactId>")).orElse("");
        return Optional.of(pom.getFileName() + position + ": error: <" + element + "> '" + base
                + "' is the name of a library of the JDK (" + where + "): the JVM and the library would take "
                + "each other for one another at run time; choose another name, e.g. <" + element + ">" + base
                + "_plugin</" + element + ">");
    }

    /** ":line:column" of the first occurrence of text in the file (both 1-based), or empty. */
    private static Optional<String> position(Path file, String text) {
        return PomText.find(file, text).map(p -> ":" + p.line() + ":" + p.column());
    }
}
