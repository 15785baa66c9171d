package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jembed.core.model.ApiModel;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.FunctionDecl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real gcc. */
class PreprocessorTest {

    @TempDir
    Path dir;

    @Test
    void missingIncludeBecomesGccsOwnDiagnostic() throws Exception {
        Files.writeString(dir.resolve("plugin.h"), "#include <stdint.h>\n#include \"missing.h\"\nint f(void);\n");
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of()));
        assertTrue(e.getMessage().contains("missing.h"), e.getMessage());
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals("plugin.h:2:10", d.pos().toString());
        assertEquals("missing.h: No such file or directory", d.message());
    }

    @Test
    void errorDirectivesAreReportedWithTheirPosition() throws Exception {
        Path c = Files.createDirectories(dir.resolve("src/main/c"));
        Files.writeString(c.resolve("plugin.h"), "#ifndef LEVEL\n#error LEVEL must be defined\n#endif\n");
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> Preprocessor.run("gcc", dir, dir.resolve("src/main/c/plugin.h"), List.of()));
        assertEquals("src/main/c/plugin.h:2:2: error: #error LEVEL must be defined", e.getMessage());
    }

    @Test
    void definesAndIncludeDirectoriesReachGcc() throws Exception {
        Path include = Files.createDirectories(dir.resolve("include"));
        Files.writeString(include.resolve("types.h"), "typedef struct handle handle_t;\n");
        Files.writeString(dir.resolve("plugin.h"), """
                #include "types.h"
                #if LEVEL == 3
                EXPORT handle_t *open_handle(int level);
                #else
                EXPORT void wrong(void);
                #endif
                """);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of(include),
                List.of("LEVEL=3", "EXPORT="));

        assertEquals("plugin.h", pp.mainFileName());
        assertTrue(pp.call().succeeded());
        assertEquals(List.of("gcc", "-E", "-dD", "-std=gnu11", "-Iinclude", "-DLEVEL=3", "-DEXPORT=", "plugin.h"),
                pp.call().command());
        assertTrue(pp.warnings().isEmpty());
        ApiModel model = HeaderParser.parse(pp.text(), pp.mainFileName());
        FunctionDecl f = model.functions().get(0);
        assertEquals("handle_t *open_handle(int level)", f.prototype());
        assertEquals("include/types.h:1:16", model.struct("handle").orElseThrow().pos().toString());
    }

    @Test
    void outputKeepsLineMarkersAndDefines() throws Exception {
        Files.writeString(dir.resolve("plugin.h"), "#define ANSWER 42\nint answer(void);\n");
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of());
        assertTrue(pp.text().contains("# 1 \"plugin.h\""), pp.text());
        assertTrue(pp.text().contains("#define ANSWER 42"));
        HeaderParser.Result parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        assertEquals("ANSWER", parsed.macros().get(0).name(), "a candidate constant; its value is the compiler's (Probe)");
        assertEquals("42", parsed.macros().get(0).body());
    }
}
