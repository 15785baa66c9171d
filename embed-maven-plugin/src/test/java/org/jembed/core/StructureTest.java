package org.jembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core is a plain library: no Maven or Plexus type in it, so every stage runs and is tested without Maven. */
class StructureTest {
    private static final Path CORE = Path.of("src/main/java/org/jembed/core");

    /**
     * Files still allowed one: the native build drives gcc through native-maven-plugin's compiler and linker classes
     * (to be replaced by {@link ToolCall}); nothing else may add one.
     */
    private static final Set<String> KNOWN = Set.of("nativebuild/NativeBuilder.java");

    @Test
    void coreImportsNoMavenOrPlexusType() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = CORE.relativize(f).toString().replace('\\', '/');
                if (KNOWN.contains(rel)) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if (l.startsWith("import ") && (l.contains("org.apache.maven") || l.contains("org.codehaus"))) {
                        offenders.add(rel + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /**
     * The Mojos read parameters, build a request and call the core's entry points ({@code Pipeline}, the checks, the
     * test runner, the bundle): they use nothing of the glue and binding stages behind them.
     */
    @Test
    void mojosUseNoGlueOrBindingType() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/jembed/plugin"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if (l.contains("org.jembed.core.glue.") || l.contains("org.jembed.core.bind.")) {
                        offenders.add(f.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
