package org.jembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.SourcePos;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.Toolset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One build's platforms must see the same Java in the header: the header read by each platform's real compiler
 * (gcc, and the cross compilers {@code .ci/run} installs), compared as the generate goal compares it.
 */
class PlatformAgreementTest {

    @TempDir
    Path dir;

    private static final List<Platform> ALL = List.of(Platform.LINUX_X86_64, Platform.LINUX_AARCH_64,
            Platform.WINDOWS_X86_64);

    private static final BuildLog QUIET = new BuildLog() {
        @Override public void info(String line) { }
        @Override public void warn(String line) { }
        @Override public void debug(String line) { }
    };

    private PlatformAgreement.Result compare(String header, List<Platform> platforms) throws Exception {
        Path h = Files.writeString(dir.resolve("plugin.h"), header);
        List<PlatformAgreement.Reading> readings = new ArrayList<>();
        for (Platform p : platforms) {
            Toolset tools = Toolset.of(p, Platform.LINUX_X86_64, Optional.empty());
            assertTrue(tools.missingCompiler().isEmpty(), () -> tools.missingCompiler().get());
            Pipeline.HeaderRequest request = new Pipeline.HeaderRequest(dir, h, List.of(), "com.example", tools.compiler());
            readings.add(new PlatformAgreement.Reading(p, Pipeline.readHeader(request, QUIET), Optional.empty()));
        }
        return PlatformAgreement.compare(readings, "com.example");
    }

    @Test
    void fixedWidthTypesMeanTheSameJavaEverywhere() throws Exception {
        PlatformAgreement.Result r = compare("""
                #include <stdint.h>
                #include <stddef.h>
                typedef struct { int32_t x; int64_t y; double z; const char *name; } point_t;
                #define LIMIT 1000000
                int64_t total(int32_t n, point_t *p, size_t count, const char *s);
                void reset(point_t p);
                """, ALL);
        assertTrue(r.agree(), r.errors().toString());
    }

    @Test
    void longOnWindowsIsADisagreementAtEachDeclarationNamingBothPlatforms() throws Exception {
        PlatformAgreement.Result r = compare("""
                typedef struct { char tag; long value; } record_t;
                #define LIMIT 1000000L
                long total(unsigned long n, record_t r);
                int ok(int x);
                """, ALL);
        assertEquals(List.of(Platform.WINDOWS_X86_64), r.disagreeing(), "linux-aarch_64 is LP64 too");
        List<String> errors = r.errors().stream().map(Diagnostic::toString).toList();
        assertEquals(3, errors.size(), String.join("\n", errors));
        assertEquals("plugin.h:3:6: error: 'long total(unsigned long n, record_t r)' is 'long total(long, record_t)'"
                + " in Java on linux-x86_64 but 'int total(int, record_t)' on windows-x86_64", errors.get(0));
        assertEquals("plugin.h:1: error: the Java generated from this declaration differs between linux-x86_64 and"
                + " windows-x86_64: '{@code sizeof} is 16 bytes, alignment 8.' against '{@code sizeof} is 8 bytes,"
                + " alignment 4.' (record_t.java)", errors.get(1));
        assertTrue(errors.get(2).startsWith("plugin.h:2:9: error: the Java generated from this declaration differs"
                + " between linux-x86_64 and windows-x86_64: 'public static final long LIMIT = 1000000L;' against"
                + " 'public static final int LIMIT = 1000000;' (plugin_h.java)"), errors.get(2));
        assertTrue(PlatformAgreement.fix(r.disagreeing()).contains("build windows-x86_64 in a build of its own"
                + " (-Djembed.platform=windows-x86_64)"), PlatformAgreement.fix(r.disagreeing()));
    }

    @Test
    void aDeclarationOfOnePlatformOnlyIsADisagreement() throws Exception {
        PlatformAgreement.Result r = compare("""
                int both(int x);
                #ifdef _WIN32
                int windows_only(void);
                #endif
                """, List.of(Platform.LINUX_X86_64, Platform.WINDOWS_X86_64));
        assertEquals(List.of("plugin.h:3:5: error: 'windows_only' is declared for windows-x86_64 but not for linux-x86_64"),
                r.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aGeneratedLineIsPlacedAtTheDeclarationItsCommentQuotes() {
        List<String> lines = List.of("/**", " * View of C {@code point_t} (src/main/c/p.h:11): reads", " */",
                "    /** {@code LIMIT} (src/main/c/p.h:4:9). */", "    public static final long LIMIT = 1L;");
        assertEquals(new SourcePos("src/main/c/p.h", 4, 9), PlatformAgreement.declaration(lines, 4, "p.h"));
        assertEquals(new SourcePos("src/main/c/p.h", 11, 0), PlatformAgreement.declaration(lines, 2, "p.h"));
        assertEquals(new SourcePos("p.h", 1, 0), PlatformAgreement.declaration(lines, 0, "p.h"));
    }
}
