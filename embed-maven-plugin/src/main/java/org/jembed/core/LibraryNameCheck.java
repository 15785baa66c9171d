package org.jembed.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Refuses a library name that is also the name of a shared library of the JDK: {@code <libraryName>jvm</libraryName>}
 * builds a {@code libjvm.so} that at run time finds itself instead of the JVM, and a {@code libjava.so},
 * {@code libnet.so}, ... would be taken by the JDK's own libraries for theirs (they find each other by soname).
 * The names are those of {@code lib<name>.so} under the build JDK's {@code lib/} and {@code lib/server/}, plus
 * {@link #ALWAYS_PRESENT}, since the JDK at run time may be another one.
 */
public final class LibraryNameCheck {
    /** Libraries every HotSpot JDK on Linux has, refused whatever JDK the build uses. */
    public static final Set<String> ALWAYS_PRESENT = Set.of("jvm", "jsig", "java", "jli", "jimage", "verify", "zip",
            "net", "nio", "management", "instrument", "attach", "jaas", "prefs", "extnet", "syslookup", "awt",
            "awt_headless", "jdwp", "dt_socket");

    private LibraryNameCheck() {
    }

    /**
     * The JDK library names: {@code lib<name>.so} files under {@code javaHome}'s {@code lib/} and {@code lib/server/},
     * plus {@link #ALWAYS_PRESENT}; sorted. A folder that is missing or cannot be listed adds nothing (the JDK check
     * of the build reports a JDK that is not one).
     */
    public static Set<String> jdkLibraryNames(Path javaHome) {
        Set<String> names = new TreeSet<>(ALWAYS_PRESENT);
        for (Path dir : new Path[] {javaHome.resolve("lib"), javaHome.resolve("lib/server")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith("lib") && f.endsWith(".so") && f.length() > 6)
                        .forEach(f -> names.add(f.substring(3, f.length() - 3)));
            } catch (IOException e) {
                // nothing from this folder; ALWAYS_PRESENT still applies
            }
        }
        return names;
    }

    /**
     * The build error for a colliding name, positioned like a compiler's diagnostic on the pom element that set it
     * ({@code <libraryName>}, or {@code <artifactId>} when the name was derived from it), with a suggested fix;
     * empty when the name is free.
     *
     * @param libraryName the checked library name (a C identifier)
     * @param javaHome    the build JDK
     * @param pom         the project's pom, for the position; the message names it without a line when the element
     *                    is not written there (a parent pom, a property on the command line)
     */
    public static Optional<String> collision(String libraryName, Path javaHome, Path pom) {
        if (!jdkLibraryNames(javaHome).contains(libraryName)) {
            return Optional.empty();
        }
        boolean fromJdk = Files.isRegularFile(javaHome.resolve("lib/lib" + libraryName + ".so"))
                || Files.isRegularFile(javaHome.resolve("lib/server/lib" + libraryName + ".so"));
        String element = "<libraryName>" + libraryName + "</libraryName>";
        String position = position(pom, element).or(() -> position(pom, "<artifactId>")).orElse("");
        return Optional.of(pom.getFileName() + position + ": error: <libraryName> '" + libraryName
                + "' is the name of a library of the JDK (lib" + libraryName + ".so"
                + (fromJdk ? " in " + javaHome : ", present in every JDK") + "): the JVM and the library would take "
                + "each other for one another at run time; choose another name, e.g. <libraryName>" + libraryName
                + "_plugin</libraryName>");
    }

    /** ":line:column" of the first occurrence of text in the file (both 1-based), or empty. */
    private static Optional<String> position(Path file, String text) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int at = content.indexOf(text);
            if (at < 0) {
                return Optional.empty();
            }
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return Optional.of(":" + line + ":" + (at - lineStart + 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
