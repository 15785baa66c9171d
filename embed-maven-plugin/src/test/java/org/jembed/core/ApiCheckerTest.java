package org.jembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jembed.core.header.HeaderParser;
import org.jembed.core.header.Preprocessor;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.ViewNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the type mapping cannot carry is a build error at the header position, with a suggested fix. */
class ApiCheckerTest {
    @TempDir
    Path dir;

    private ApiModel parse(String header) throws IOException, DiagnosticException {
        Files.writeString(dir.resolve("plugin.h"), header);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of());
        return HeaderParser.parse(pp.text(), pp.mainFileName());
    }

    private List<String> errors(String header) throws IOException, DiagnosticException {
        ApiModel model = parse(header);
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> ApiChecker.check(model, ViewNames.of(model, "com.example")));
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void unsupportedConstructsAreErrorsAtTheirPosition() throws Exception {
        assertEquals(List.of(
                "plugin.h:6:5: error: variadic function 'log_all' cannot be exported: Java cannot receive C variable"
                        + " arguments; declare a fixed parameter list",
                "plugin.h:7:27: error: parameter 1 of 'ld_param': 'long double' has no Java counterpart; use 'double'",
                "plugin.h:8:13: error: return type of 'ld_result': 'long double' has no Java counterpart; use 'double'",
                "plugin.h:9:24: error: parameter 1 of 'union_in': a union passed by value is not supported (which member"
                        + " is live is unknown); pass a pointer to it",
                "plugin.h:10:10: error: return type of 'union_out': a union passed by value is not supported (which member"
                        + " is live is unknown); pass a pointer to it",
                "plugin.h:11:30: error: parameter 1 of 'opaque_in': struct opaque is incomplete; it cannot be passed by"
                        + " value",
                "plugin.h:13:27: error: parameter 1 of 'cplx': '_Complex' is not supported by jembed's type mapping",
                "plugin.h:14:10: error: return type of 'big': '__int128' is not supported by jembed's type mapping"),
                errors("""
                        typedef union { int i; float f; } number_t;
                        typedef struct { unsigned ready : 1; unsigned mode : 3; } flags_t;
                        typedef struct opaque opaque_t;
                        typedef struct { long double wide; } wide_t;
                        int ok(int x);
                        int log_all(const char *fmt, ...);
                        void ld_param(long double x);
                        long double ld_result(void);
                        void union_in(number_t n);
                        number_t union_out(void);
                        void opaque_in(struct opaque o);
                        void bits_in(flags_t f);
                        void cplx(double _Complex z);
                        __int128 big(wide_t w);
                        """));
    }

    @Test
    void structsByValueAndFunctionPointersAreSupported() throws Exception {
        ApiModel model = parse("""
                typedef struct { int x, y; } point_t;
                typedef struct { point_t corners[2]; double weights[3]; } box_t;
                typedef int (*cb_t)(point_t *p, void *user);
                box_t grow(box_t b, point_t by);
                int each(cb_t cb, void *user);
                const char *name_of(const point_t *p);
                """);
        ApiChecker.check(model, ViewNames.of(model, "com.example"));
    }

    @Test
    void structsByValueAreCarriedUnlessFfmCannotDescribeThem() throws Exception {
        Files.writeString(dir.resolve("plugin.h"), """
                typedef struct { int x, y; } point_t;
                typedef struct __attribute__((packed)) { char c; int n; } packed_t;
                typedef union { int i; float f; } num_t;
                typedef int (*visit_t)(point_t p, void *user);
                typedef point_t (*make_t)(int x);
                typedef int (*pack_t)(packed_t p);
                typedef num_t (*num_fn_t)(void);
                point_t mirror(point_t p);
                int packed_in(packed_t p);
                """);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of());
        HeaderParser.Result parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        ApiModel model = org.jembed.core.header.Probe.run(parsed.model(), parsed.macros(),
                new org.jembed.core.header.Probe.Request("gcc", dir, pp.mainFileName(), List.of(), List.of())).model();
        String packed = "'packed_t' by value (struct packed_t is packed: member n at offset 1 is not aligned), which FFM "
                + "cannot describe; ";
        assertEquals(List.of(
                "plugin.h:6:15: warning: no invoker is generated for 'pack_t': it passes " + packed
                        + "Java receives it as a MemorySegment (pass a pointer to call it from Java)",
                "plugin.h:7:17: warning: no invoker is generated for 'num_fn_t': it passes 'num_t' by value (a union: "
                        + "which member is live is unknown), which FFM cannot describe; Java receives it as a "
                        + "MemorySegment (pass a pointer to call it from Java)",
                "plugin.h:9:5: warning: no downcall is generated for 'packed_in': it passes " + packed
                        + "implement it in Java with @Export, or pass a pointer"),
                ApiChecker.warnings(model, true).stream().map(Diagnostic::toString).toList());
    }
}
