package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Layout;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preprocess, parse and probe with the real gcc: every number comes from the compiler. */
class ProbeTest {

    @TempDir
    Path dir;

    private Probe.Result probe(String header, List<String> options) throws Exception {
        Path c = Files.createDirectories(dir.resolve("src/main/c"));
        Files.writeString(c.resolve("plugin.h"), header);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("src/main/c/plugin.h"), List.of(), List.of(), options);
        HeaderParser.Result parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        ApiModel selected = org.jembed.core.host.HostSelection.select(parsed.model(),
                org.jembed.core.host.HostRequest.none(), java.util.Set.of()).model();
        return Probe.run(selected, parsed.macros(), new Probe.Request("gcc", dir, pp.mainFileName(), List.of(), options));
    }

    private static StructDecl struct(ApiModel m, String name) {
        return m.structs().stream().filter(s -> s.displayName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Long> offsets(ApiModel m, String name) {
        return Layout.members(struct(m, name), m).stream()
                .collect(Collectors.toMap(x -> x.field().name(), Layout.Member::offset));
    }

    @Test
    void packedAlignedAndPragmaPackStructsAreLaidOutByTheCompiler() throws Exception {
        ApiModel m = probe("""
                #include <stdint.h>
                typedef struct __attribute__((packed)) { uint8_t tag; uint32_t value; uint16_t port; } packed_t;
                #pragma pack(push, 1)
                typedef struct { char c; double d; } pragma_t;
                #pragma pack(pop)
                typedef struct { char c; int32_t v __attribute__((aligned(16))); } aligned_t;
                typedef struct { char name[sizeof(packed_t) * 2]; int n; } sized_t;
                int use(packed_t *a, pragma_t *b, aligned_t *c, sized_t *d);
                """, List.of()).model();
        assertEquals(new Layout(7, 1), Layout.of(struct(m, "packed_t"), m));
        assertEquals(Map.of("tag", 0L, "value", 1L, "port", 5L), offsets(m, "packed_t"));
        assertEquals(new Layout(9, 1), Layout.of(struct(m, "pragma_t"), m));
        assertEquals(Map.of("c", 0L, "d", 1L), offsets(m, "pragma_t"));
        assertEquals(new Layout(32, 16), Layout.of(struct(m, "aligned_t"), m));
        assertEquals(16L, offsets(m, "aligned_t").get("v"));
        assertEquals(16L, offsets(m, "sized_t").get("n"));
        assertEquals("char name[sizeof(packed_t) * 2]", struct(m, "sized_t").fields().get(0).type().declare("name"));
    }

    @Test
    void anonymousMembersAreTheEnclosingStructsMembersAtTheCompilersOffsets() throws Exception {
        ApiModel m = probe("""
                #include <stdint.h>
                typedef struct {
                    int32_t kind;
                    union { int32_t i; double d; };
                    struct { int16_t lo; struct { char a, b; }; };
                } tagged_t;
                int use(tagged_t *t);
                """, List.of()).model();
        assertEquals(Map.of("kind", 0L, "i", 8L, "d", 8L, "lo", 16L, "a", 18L, "b", 19L), offsets(m, "tagged_t"));
        assertEquals(new Layout(24, 8), Layout.of(struct(m, "tagged_t"), m));
    }

    @Test
    void systemTypedefsMapBySizeAndSignednessAndPointersToAnythingAreAccepted() throws Exception {
        ApiModel m = probe("""
                #include <stdio.h>
                #include <time.h>
                #include <sys/types.h>
                #include <sys/socket.h>
                time_t when(time_t t, off_t o, pid_t p, socklen_t s, size_t n, FILE *f);
                """, List.of()).model();
        var fn = m.functions().get(0);
        assertEquals(new CType.Prim(PrimKind.LONG), fn.returnType().resolved());
        assertEquals(new CType.Prim(PrimKind.LONG), fn.params().get(1).type().resolved());
        assertEquals(new CType.Prim(PrimKind.INT), fn.params().get(2).type().resolved());
        assertEquals(new CType.Prim(PrimKind.UINT), fn.params().get(3).type().resolved());
        assertEquals(new CType.Prim(PrimKind.ULONG), fn.params().get(4).type().resolved());
        assertEquals("time_t when(time_t t, off_t o, pid_t p, socklen_t s, size_t n, FILE *f)", fn.prototype());
    }

    @Test
    void constantsHaveTheCompilersValuesAndTypes() throws Exception {
        Probe.Result r = probe("""
                #include <stdint.h>
                #include <stddef.h>
                #define ALL_ONES UINT64_MAX
                #define NO_SIZE ((size_t)-1)
                #define BIG 18446744073709551615ULL
                #define SMALL (-5)
                #define MASK 0xffffffffu
                #define NAME "plugin \\"one\\""
                #define RATIO 1.5
                #define HALF 0.5f
                #define WIDTH (sizeof(struct pair) * LEVEL)
                #define EXPORT extern
                #define NOT_CONSTANT (counter + 1)
                #define HEADER_GUARD
                struct pair { int a, b; };
                extern int counter;
                enum flags { NONE, ALL = 0xffffffffu };
                enum big { HUGE = 0x100000000 };
                """, List.of("-DLEVEL=3"));
        Map<String, ConstantDecl.Value> c = r.model().constants().stream()
                .collect(Collectors.toMap(ConstantDecl::name, ConstantDecl::value));
        assertEquals(new ConstantDecl.IntValue(-1, 8, false), c.get("ALL_ONES"));
        assertEquals(new ConstantDecl.IntValue(-1, 8, false), c.get("NO_SIZE"));
        assertEquals(new ConstantDecl.IntValue(-1, 8, false), c.get("BIG"));
        assertEquals(new ConstantDecl.IntValue(-5, 4, true), c.get("SMALL"));
        assertEquals(new ConstantDecl.IntValue(0xffffffffL, 4, false), c.get("MASK"));
        assertEquals(new ConstantDecl.StringValue("plugin \"one\""), c.get("NAME"));
        assertEquals(new ConstantDecl.FloatValue(1.5), c.get("RATIO"));
        assertEquals(new ConstantDecl.FloatValue(0.5), c.get("HALF"));
        assertEquals(new ConstantDecl.IntValue(24, 8, false), c.get("WIDTH"));
        assertEquals(9, c.size(), c.toString());
        List<String> warnings = r.warnings().stream().map(Diagnostic::toString).toList();
        assertEquals(List.of("src/main/c/plugin.h:13:9: warning: macro 'NOT_CONSTANT' is not a constant jembed can carry"
                + " (an integer, floating or string constant expression); it gets no Java constant"), warnings);
        EnumDecl flags = r.model().enums().get(0);
        assertEquals(4, flags.values().get(1).size());
        assertEquals(0xffffffffL, flags.values().get(1).value());
        EnumDecl big = r.model().enums().get(1);
        assertEquals(0x100000000L, big.values().get(0).value());
        assertEquals(8, big.values().get(0).size());
    }

    @Test
    void theCompilerChecksTheHeaderWithTheLibrarysOptions() throws Exception {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> probe("""
                typedef struct { int a; } s_t;
                _Static_assert(sizeof(s_t) == WANTED, "s_t has the wrong size");
                int f(s_t *s);
                """, List.of("-DWANTED=8")));
        assertEquals("src/main/c/plugin.h:2:1: error: static assertion failed: \"s_t has the wrong size\"", e.getMessage());
        Probe.Result ok = probe("""
                typedef struct { int a; } s_t;
                _Static_assert(sizeof(s_t) == WANTED, "s_t has the wrong size");
                int f(s_t *s);
                """, List.of("-DWANTED=4"));
        assertEquals(1, ok.compiles());
    }

    @Test
    void aLibraryBuiltWithWerrorLosesNoAnswer() throws Exception {
        Probe.Result r = probe("""
                #include <stddef.h>
                enum mode { MODE_OFF, MODE_ON };
                #define MASK 0xffu
                #define NAME "werror"
                size_t f(enum mode m, char c);
                """, List.of("-Wall", "-Wextra", "-Werror"));
        assertEquals(1, r.compiles(), "no probe line may warn");
        ApiModel m = r.model();
        assertEquals(new Abi.EnumLayout(4, 4, false), m.abi().enumLayout(m.enums().get(0).key()).orElseThrow());
        assertEquals(new CType.Prim(PrimKind.ULONG), m.functions().get(0).returnType().resolved());
        assertEquals(false, m.abi().charUnsigned());
        Map<String, ConstantDecl.Value> c = m.constants().stream()
                .collect(Collectors.toMap(ConstantDecl::name, ConstantDecl::value));
        assertEquals(Map.of("MASK", new ConstantDecl.IntValue(0xff, 4, false), "NAME", new ConstantDecl.StringValue("werror")), c);
    }

    @Test
    void qualifiersArePrintedBack() throws Exception {
        ApiModel m = probe("""
                int at_vol(volatile int *counter, const char *restrict name, int *const volatile fixed);
                """, List.of()).model();
        assertEquals("int at_vol(volatile int *counter, const char *restrict name, int *const volatile fixed)",
                m.functions().get(0).prototype());
        assertInstanceOf(CType.Qualified.class, ((CType.Pointer) m.functions().get(0).params().get(0).type()).pointee());
    }

    @Test
    void staticInlineFunctionsAreLeftToC() throws Exception {
        Path c = Files.createDirectories(dir.resolve("src/main/c"));
        Files.writeString(c.resolve("plugin.h"), """
                int twice(int x);
                static inline int four(void) { return twice(2); }
                """);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("src/main/c/plugin.h"), List.of());
        HeaderParser.Result parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        assertEquals(List.of("twice"), parsed.model().functions().stream().map(f -> f.name()).toList());
        assertEquals(List.of("src/main/c/plugin.h:2:19: note: static inline function 'four' is left to C: it is not"
                + " exported and gets no Java binding"), parsed.warnings().stream().map(Diagnostic::toString).toList());
        assertTrue(parsed.model().inlines().stream().anyMatch(f -> f.name().equals("four")));
    }

    @Test
    void predefinedMacrosGiveTheScalarSizes() throws Exception {
        Abi abi = probe("int f(void);\n", List.of()).model().abi();
        assertEquals(8, abi.sizeOf(PrimKind.LONG).getAsLong());
        assertEquals(4, abi.sizeOf(PrimKind.INT).getAsLong());
        assertEquals(8, abi.pointerSize());
    }

    @Test
    void aSystemStructByValueIsLaidOutByTheCompilerAndAnIncompleteOneIsRefused() throws Exception {
        ApiModel m = probe("#include <stdio.h>\n#include <stdlib.h>\nint dump(FILE f, div_t d, fpos_t *where);\n",
                List.of()).model();
        org.jembed.core.ApiChecker.check(m, org.jembed.core.model.ViewNames.of(m, "p"));
        assertEquals(216L, org.jembed.core.model.Layout.of(m.struct("_IO_FILE").orElseThrow(), m).size(), "sizeof(FILE) on glibc x86_64");
        assertEquals(Map.of("quot", 0L, "rem", 4L), offsets(m, "div_t"));

        Path sys = Files.createDirectories(dir.resolve("sys"));
        Files.writeString(sys.resolve("host.h"), "struct host_ctx;\ntypedef struct host_ctx host_ctx;\n");
        ApiModel incomplete = probe("#include <host.h>\nint run(host_ctx c);\n", List.of("-isystem", sys.toString())).model();
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> org.jembed.core.ApiChecker.check(incomplete, org.jembed.core.model.ViewNames.of(incomplete, "p")));
        assertEquals("src/main/c/plugin.h:2:18: error: parameter 1 of 'run': struct host_ctx is incomplete; it cannot be"
                + " passed by value", e.getMessage());
    }
}
