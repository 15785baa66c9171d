package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.jembed.core.ToolCall;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Field;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.TypedefDecl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gcc preprocesses each header; the tests assert the model and the diagnostics a user would see. */
class HeaderParserTest {

    @TempDir
    Path dir;

    /** The CFFI embedding example, verbatim. */
    private static final String CFFI_SEED = """
            /* file plugin.h, Windows-friendly version */
            typedef struct { int x, y; } point_t;
            #ifndef CFFI_DLLEXPORT
            #  if defined(_MSC_VER)
            #    define CFFI_DLLEXPORT  extern __declspec(dllimport)
            #  else
            #    define CFFI_DLLEXPORT  extern
            #  endif
            #endif
            CFFI_DLLEXPORT int do_stuff(point_t *);
            """;

    /** Many declarations at once: the model tests read it and the print round trip compiles it. */
    private static final String RICH = """
            #ifndef RICH_H
            #define RICH_H
            #include <stdint.h>
            #include <stdbool.h>
            #include <stddef.h>
            #include <sys/types.h>
            #include "include/shapes.h"

            #if defined(__GNUC__)
            #  define JEMBED_EXPORT __attribute__((visibility("default")))
            #else
            #  define JEMBED_EXPORT
            #endif

            #define LEN 16
            #define FLAGS (0x10u | 1 << 2)
            #define NEG (-5)
            #define CH 'A'
            #define BIG 0xFFFFFFFFu
            #define WRAP (BIG + 1)
            #define MASK ((uint8_t)0x1FF)
            #define NAME "jembed"
            #define PI 3.14
            #define EMPTY
            #define SQUARE(x) ((x) * (x))
            #define TMP 3
            #undef TMP
            #define COUNT_PLUS (COLOR_COUNT + 1)
            enum color { RED, GREEN = 5, BLUE, COLOR_COUNT };
            typedef enum { MODE_A = LEN * 2, MODE_B = MODE_A << 1, MODE_C = -1 } mode_t2;
            struct opaque;
            typedef struct opaque opaque_t;
            typedef int (*cb_t)(int, void *);
            typedef void (*handler_t)(const char *msg, size_t len);
            struct node {
                struct node *next;
                char name[LEN];
                int grid[2][3];
                unsigned flags : 3;
                unsigned : 0;
                signed int small : 4;
                union { int i; float f; } u;
                struct inner { long a; } in;
                struct { short s; };
                const char *label;
                char *const fixed;
                cb_t callback;
                int (*op)(int a, int b);
                int (*const checker)(int);
                enum color color;
                bool on;
            };
            typedef struct { int x, y; } point_t;
            struct later;
            struct later *make_later(void);
            struct later { int v; };
            extern int counter;
            extern const char *const version_string;
            extern int table[COLOR_COUNT];
            JEMBED_EXPORT int do_stuff(point_t *p);
            JEMBED_EXPORT const point_t *origin(void);
            JEMBED_EXPORT void set_handler(handler_t h, void *user) __attribute__((nonnull(1)));
            JEMBED_EXPORT unsigned long long ull(unsigned short a, signed char b, char c, unsigned char d, long double e);
            JEMBED_EXPORT uint8_t u8(int8_t a, uint16_t b, int16_t c, int32_t d, uint64_t e, int64_t f, intptr_t g,
                                     uintptr_t h, ssize_t i, ptrdiff_t j, wchar_t k, off_t l, uint32_t m, size_t n);
            JEMBED_EXPORT void fill(char buf[LEN], int n, int matrix[][4]);
            JEMBED_EXPORT int printf_like(const char *fmt, ...);
            JEMBED_EXPORT struct node *first(struct node *list, enum color c, opaque_t *o, struct opaque *o2);
            JEMBED_EXPORT int (*get_cb(int which))(int, void *);
            JEMBED_EXPORT void takes_fp(void (*fp)(int), int (*arr)[3], char *const *argv);
            JEMBED_EXPORT mode_t2 mode(void);
            JEMBED_EXPORT int do_stuff(point_t *q);
            JEMBED_EXPORT shape_t *shape(void);
            JEMBED_EXPORT _Noreturn void die(int code);
            JEMBED_EXPORT int restricted(char *__restrict dst, const char *restrict src);
            extern int old_api(void) __attribute__((deprecated("use do_stuff")));
            JEMBED_EXPORT int asm_named(void) __asm__("asm_named_impl");
            JEMBED_EXPORT float flt(double d, _Bool b, long int li, short int si, unsigned u, signed s);
            __extension__ typedef long long ll_t;
            JEMBED_EXPORT ll_t ext(ll_t x, const ll_t *y);
            JEMBED_EXPORT long double ld(void);
            _Static_assert(sizeof(int) == 4, "int is 32 bits");
            #endif
            """;

    private static final String SHAPES = """
            #ifndef SHAPES_H
            #define SHAPES_H
            #define SHAPES_MAX 4
            typedef struct shape { int kind; double size; } shape_t;
            int shape_helper(shape_t *s);
            #endif
            """;

    // --- the CFFI seed ---------------------------------------------------------------------------

    @Test
    void cffiSeedGivesOneFunctionOverAnAnonymousStruct() throws Exception {
        ApiModel model = parse(CFFI_SEED);

        assertEquals("plugin.h", model.headerName());
        FunctionDecl f = only(model.functions());
        assertEquals("int do_stuff(point_t *)", f.prototype());
        assertEquals("plugin.h", f.pos().file());
        assertEquals(10, f.pos().line());
        Param p = only(f.params());
        assertEquals("", p.name());
        CType.StructRef anon = new CType.StructRef(false, "", "$anon1");
        assertEquals(new CType.Pointer(new CType.Named("point_t", anon)), p.type());

        StructDecl point = model.struct("$anon1").orElseThrow();
        assertEquals("point_t", point.displayName());
        assertTrue(point.complete());
        assertEquals(List.of("x", "y"), point.fields().stream().map(Field::name).toList());
        assertEquals("plugin.h:2:22", point.fields().get(0).pos().toString());
        assertEquals("plugin.h:2:25", point.fields().get(1).pos().toString());
        TypedefDecl td = only(model.typedefs());
        assertEquals("point_t", td.name());
        assertEquals(anon, td.target());
        assertEquals("plugin.h:2:30", td.pos().toString());
        assertTrue(model.constants().isEmpty(), "'#define CFFI_DLLEXPORT extern' is not a constant");
    }

    // --- types ----------------------------------------------------------------------------------

    @Test
    void primitiveSpellingsAndStandardTypedefs() throws Exception {
        ApiModel model = rich();

        FunctionDecl ull = function(model, "ull");
        assertEquals(new CType.Prim(PrimKind.ULLONG), ull.returnType());
        assertEquals(List.of(PrimKind.USHORT, PrimKind.SCHAR, PrimKind.CHAR, PrimKind.UCHAR, PrimKind.LONG_DOUBLE),
                ull.params().stream().map(p -> ((CType.Prim) p.type()).kind()).toList());

        FunctionDecl flt = function(model, "flt");
        assertEquals("float flt(double d, _Bool b, long li, short si, unsigned int u, int s)", flt.prototype());

        FunctionDecl u8 = function(model, "u8");
        assertEquals("uint8_t", ((CType.Named) u8.returnType()).name());
        assertEquals(new CType.Prim(PrimKind.UCHAR), u8.returnType().resolved());
        List<String> expected = List.of("int8_t:SCHAR", "uint16_t:USHORT", "int16_t:SHORT", "int32_t:INT", "uint64_t:ULONG",
                "int64_t:LONG", "intptr_t:LONG", "uintptr_t:ULONG", "ssize_t:LONG", "ptrdiff_t:LONG", "wchar_t:INT",
                "off_t:LONG", "uint32_t:UINT", "size_t:ULONG");
        assertEquals(expected, u8.params().stream()
                .map(p -> ((CType.Named) p.type()).name() + ":" + ((CType.Prim) p.type().resolved()).kind()).toList());

        FunctionDecl ld = function(model, "ld");
        assertEquals(new CType.Prim(PrimKind.LONG_DOUBLE), ld.returnType());
    }

    @Test
    void boolFromStdboolIsBool() throws Exception {
        ApiModel model = parse("#include <stdbool.h>\nbool is_on(bool b);\n");
        FunctionDecl f = only(model.functions());
        assertEquals(new CType.Prim(PrimKind.BOOL), f.returnType());
        assertEquals("_Bool is_on(_Bool b)", f.prototype());
        assertEquals("plugin.h", f.pos().file());
        assertEquals(2, f.pos().line(), "tokens of a system macro (bool) keep the main file's position");
        assertEquals(2, only(f.params()).pos().line());
    }

    @Test
    void qualifiersAndPointersKeepTheirPlace() throws Exception {
        ApiModel model = rich();
        StructDecl node = model.struct("node").orElseThrow();

        CType label = field(node, "label").type();
        assertEquals(new CType.Pointer(CType.Qualified.constOf(new CType.Prim(PrimKind.CHAR))), label);
        assertEquals("const char *", label.cName());

        CType fixed = field(node, "fixed").type();
        assertEquals(CType.Qualified.constOf(new CType.Pointer(new CType.Prim(PrimKind.CHAR))), fixed);
        assertEquals("char *const fixed", fixed.declare("fixed"));

        FunctionDecl origin = function(model, "origin");
        CType.StructRef anon = (CType.StructRef) typedef(model, "point_t").target();
        assertEquals("", anon.tag());
        CType pointT = new CType.Named("point_t", anon);
        assertEquals(new CType.Pointer(CType.Qualified.constOf(pointT)), origin.returnType());
        assertEquals("const point_t *origin(void)", origin.prototype());

        FunctionDecl takes = function(model, "takes_fp");
        assertEquals("void takes_fp(void (*fp)(int), int (*arr)[3], char *const *argv)", takes.prototype());
        assertEquals("char *const *", takes.params().get(2).type().cName());

        FunctionDecl restricted = function(model, "restricted");
        assertEquals("int restricted(char *restrict dst, const char *restrict src)", restricted.prototype());
    }

    @Test
    void functionPointerTypedefsPrintInsideOut() throws Exception {
        ApiModel model = rich();
        TypedefDecl cb = typedef(model, "cb_t");
        assertEquals("int (*)(int, void *)", cb.target().cName());
        assertEquals("int (*cb)(int, void *)", cb.target().declare("cb"));
        CType.Function fn = (CType.Function) ((CType.Pointer) cb.target()).pointee();
        assertEquals(List.of("", ""), fn.params().stream().map(Param::name).toList());

        assertEquals("void (*)(const char *msg, size_t len)", typedef(model, "handler_t").target().cName());
        assertEquals("int (*get_cb(int which))(int, void *)", function(model, "get_cb").prototype());
        assertEquals("void set_handler(handler_t h, void *user)", function(model, "set_handler").prototype());
        assertEquals("int (*op)(int a, int b)", field(model.struct("node").orElseThrow(), "op").type().declare("op"));
        assertEquals("int (*const checker)(int)", field(model.struct("node").orElseThrow(), "checker").type().declare("checker"));
    }

    // --- functions ------------------------------------------------------------------------------

    @Test
    void exportedFunctionsAreTheMainHeadersInOrderOnce() throws Exception {
        ApiModel model = rich();
        List<String> names = model.functions().stream().map(FunctionDecl::name).toList();
        assertEquals(List.of("make_later", "do_stuff", "origin", "set_handler", "ull", "u8", "fill", "printf_like", "first",
                "get_cb", "takes_fp", "mode", "shape", "die", "restricted", "old_api", "asm_named", "flt", "ext", "ld"), names);
        assertFalse(names.contains("shape_helper"), "functions of included project headers are not exported");

        FunctionDecl doStuff = function(model, "do_stuff");
        assertEquals("int do_stuff(point_t *p)", doStuff.prototype(), "the first declaration wins");
        assertEquals("plugin.h", doStuff.pos().file());
        assertEquals(60, doStuff.pos().line());
    }

    @Test
    void parametersKeepArraysVariadicsAndPositions() throws Exception {
        ApiModel model = rich();
        FunctionDecl fill = function(model, "fill");
        assertEquals("void fill(char buf[16], int n, int matrix[][4])", fill.prototype());
        assertEquals(new CType.Array(new CType.Prim(PrimKind.CHAR), OptionalLong.of(16)), fill.params().get(0).type());
        assertEquals(new CType.Array(new CType.Array(new CType.Prim(PrimKind.INT), OptionalLong.of(4)), OptionalLong.empty()),
                fill.params().get(2).type());

        FunctionDecl printfLike = function(model, "printf_like");
        assertTrue(printfLike.variadic());
        assertEquals("int printf_like(const char *fmt, ...)", printfLike.prototype());

        FunctionDecl mode = function(model, "mode");
        assertTrue(mode.params().isEmpty(), "(void) is no parameters");

        FunctionDecl first = function(model, "first");
        assertEquals("struct node *first(struct node *list, enum color c, opaque_t *o, struct opaque *o2)", first.prototype());
        assertEquals(new CType.Pointer(new CType.StructRef(false, "node", "node")), first.returnType());
        assertEquals(new CType.EnumRef("color", "color"), first.params().get(1).type());
    }

    @Test
    void positionsAreFileLineColumnOfTheName() throws Exception {
        ApiModel model = parse("""
                #include <stdint.h>
                int plain(int32_t value,
                          const char *text);
                extern double scale;
                """);
        FunctionDecl f = only(model.functions());
        assertEquals("plugin.h:2:5", f.pos().toString());
        assertEquals("plugin.h:2:19", f.params().get(0).pos().toString());
        assertEquals("plugin.h:3:23", f.params().get(1).pos().toString());
        assertEquals("plugin.h:4:15", only(model.globals()).pos().toString());
    }

    @Test
    void mainFileNameIsThePathGccWasGiven() throws Exception {
        Path c = Files.createDirectories(dir.resolve("src/main/c"));
        Files.writeString(c.resolve("plugin.h"), "struct s { int a; };\nint f(struct s *p);\n");
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("src/main/c/plugin.h"), List.of());
        assertEquals("src/main/c/plugin.h", pp.mainFileName());
        ApiModel model = HeaderParser.parse(pp.text(), pp.mainFileName());
        assertEquals("src/main/c/plugin.h:2:5", only(model.functions()).pos().toString());
        assertEquals("src/main/c/plugin.h:1:8", only(model.structs()).pos().toString());
    }

    @Test
    void prototypeLessDeclarationWarnsAndHasNoParameters() throws Exception {
        HeaderParser.Result r = analyze("int legacy();\n");
        FunctionDecl f = only(r.model().functions());
        assertEquals("int legacy(void)", f.prototype());
        Diagnostic w = only(r.warnings());
        assertEquals("plugin.h:1:5: warning: function declaration without a prototype; write 'legacy(void)'", w.toString());
    }

    @Test
    void gnuDecorationsAreAcceptedAndDropped() throws Exception {
        HeaderParser.Result result = analyze("""
                __extension__ typedef unsigned long long u64_t;
                extern __inline int a(void);
                __inline__ int __attribute__((const)) b(int x) __attribute__((warn_unused_result));
                inline int c(char *__restrict__ p, volatile int *v);
                __attribute__((visibility("default"))) _Noreturn void d(void) __asm__("d_impl");
                struct __attribute__((packed)) packed { char c; int i __attribute__((aligned(4))); } __attribute__((aligned(8)));
                int * __attribute__((nonnull)) e(const int *__restrict q);
                """);
        ApiModel model = result.model();
        assertEquals(List.of("int a(void)", "int b(int x)", "int c(char *restrict p, volatile int *v)", "void d(void)",
                "int *e(const int *restrict q)"),
                model.functions().stream().map(FunctionDecl::prototype).toList());
        assertEquals(List.of("c", "i"), model.struct("packed").orElseThrow().fields().stream().map(Field::name).toList());
        assertEquals(List.of(), result.warnings(), "packed and aligned are the compiler's business: the probe asks it");
    }

    @Test
    void alignmentIsTheCompilersAndAtomicIsCarriedOnlyAsMemory() throws Exception {
        ApiModel model = parse("struct s { char c; _Alignas(16) int x; };\n_Atomic int counter;\n");
        StructDecl s = model.struct("s").orElseThrow();
        assertEquals(new org.jembed.core.model.Layout(32, 16), org.jembed.core.model.Layout.of(s, model),
                "_Alignas is laid out by the compiler");
        assertEquals(new CType.Unsupported("_Atomic int", "'_Atomic' is not supported by jembed's type mapping"),
                only(model.globals()).type());
    }

    // --- structs, unions, enums, typedefs, globals ------------------------------------------------

    @Test
    void structMembersIncludeNestedArraysBitFieldsAndAnonymousMembers() throws Exception {
        ApiModel model = rich();
        StructDecl node = model.struct("node").orElseThrow();
        assertEquals(List.of("next", "name", "grid", "flags", "", "small", "u", "in", "", "label", "fixed", "callback", "op",
                "checker", "color", "on"), node.fields().stream().map(Field::name).toList());

        assertEquals(new CType.Pointer(new CType.StructRef(false, "node", "node")), field(node, "next").type());
        assertEquals("char name[16]", field(node, "name").type().declare("name"));
        assertEquals("int grid[2][3]", field(node, "grid").type().declare("grid"));
        assertEquals(OptionalInt.of(3), field(node, "flags").bitWidth());
        assertEquals(OptionalInt.of(0), node.fields().get(4).bitWidth());
        assertEquals(OptionalInt.of(4), field(node, "small").bitWidth());
        assertEquals(OptionalInt.empty(), field(node, "name").bitWidth());
        assertEquals(new CType.Named("cb_t", typedef(model, "cb_t").target()), field(node, "callback").type());
        assertEquals(new CType.Prim(PrimKind.BOOL), field(node, "on").type());

        CType.StructRef u = (CType.StructRef) field(node, "u").type();
        assertTrue(u.union());
        StructDecl union = model.struct(u.key()).orElseThrow();
        assertEquals(List.of("i", "f"), union.fields().stream().map(Field::name).toList());

        StructDecl inner = model.struct("inner").orElseThrow();
        assertEquals(new CType.StructRef(false, "inner", "inner"), field(node, "in").type());
        assertEquals("long a", only(inner.fields()).type().declare("a"));

        CType.StructRef anonMember = (CType.StructRef) node.fields().get(8).type();
        assertEquals("", anonMember.tag());
        assertEquals("s", only(model.struct(anonMember.key()).orElseThrow().fields()).name());
        assertEquals("plugin.h:35:8", node.pos().toString());
        assertEquals("plugin.h:36:18", field(node, "next").pos().toString());
    }

    @Test
    void opaqueAndForwardDeclaredStructs() throws Exception {
        ApiModel model = rich();
        StructDecl opaque = model.struct("opaque").orElseThrow();
        assertFalse(opaque.complete());
        assertTrue(opaque.fields().isEmpty());
        assertEquals("opaque_t", opaque.displayName());
        assertEquals(new CType.StructRef(false, "opaque", "opaque"), typedef(model, "opaque_t").target());

        List<StructDecl> later = model.structs().stream().filter(s -> s.key().equals("later")).toList();
        assertEquals(1, later.size(), "one StructDecl per key");
        assertTrue(later.get(0).complete());
        assertEquals("plugin.h:56:8", later.get(0).pos().toString(), "the definition's position wins");
        assertEquals("struct later *make_later(void)", function(model, "make_later").prototype());
    }

    @Test
    void enumValuesFollowC() throws Exception {
        ApiModel model = rich();
        EnumDecl color = model.enumDecl("color").orElseThrow();
        assertEquals(List.of("RED=0", "GREEN=5", "BLUE=6", "COLOR_COUNT=7"),
                color.values().stream().map(v -> v.name() + "=" + v.value()).toList());
        assertEquals("plugin.h:29:14", color.values().get(0).pos().toString());
        assertEquals("plugin.h:29:6", color.pos().toString());

        TypedefDecl mode = typedef(model, "mode_t2");
        CType.EnumRef ref = (CType.EnumRef) mode.target();
        EnumDecl anon = model.enumDecl(ref.key()).orElseThrow();
        assertEquals("", anon.tag());
        assertEquals(java.util.Optional.of("mode_t2"), anon.typedefName());
        assertEquals(List.of(32L, 64L, -1L), anon.values().stream().map(EnumDecl.Enumerator::value).toList());
        assertEquals("extern int table[COLOR_COUNT]", "extern " + model.globals().get(2).type().declare("table"),
                "an array length is printed back as written");
    }

    @Test
    void constantExpressionsFollowCTypes() throws Exception {
        ApiModel model = parse("""
                #include <stdint.h>
                typedef int T;
                enum { A = 3, B = (A) - 1, C = (T)-1, D = (uint8_t)300, E = sizeof(int *) * 2, F = sizeof(T[4]),
                       G = 1 ? 2 : (1 / 0), H = '\\n', I = -(A), J = (uint8_t)255 + 1, K = 07 | 0x10 };
                #define TOP ((uint32_t)1 << 31)
                #define BOTH (A > 2 && B != 2)
                #define DIV0 (1 / 0)
                extern char name[A * 4];
                """);
        assertEquals(List.of("A=3", "B=2", "C=-1", "D=44", "E=16", "F=16", "G=2", "H=10", "I=-3", "J=256", "K=23"),
                model.enums().get(0).values().stream().map(v -> v.name() + "=" + v.value()).toList());
        assertEquals(List.of("TOP=IntValue[bits=2147483648, size=4, signed=false]", "BOTH=IntValue[bits=0, size=4, signed=true]"),
                model.constants().stream().map(c -> c.name() + "=" + c.value()).toList());
        assertEquals(new CType.Array(new CType.Prim(PrimKind.CHAR), OptionalLong.empty(), "A * 4"), only(model.globals()).type());
        assertEquals(12L, model.abi().globals().get("name"), "its size is the compiler's");
    }

    @Test
    void typedefsAndGlobals() throws Exception {
        ApiModel model = rich();
        assertEquals(List.of("shape_t", "mode_t2", "opaque_t", "cb_t", "handler_t", "point_t", "ll_t"),
                model.typedefs().stream().filter(t -> !t.pos().file().startsWith("/usr/")).map(TypedefDecl::name).toList());
        TypedefDecl shape = typedef(model, "shape_t");
        assertEquals("include/shapes.h:4:49", shape.pos().toString());
        assertEquals("include/shapes.h:4:16", model.struct("shape").orElseThrow().pos().toString());
        assertEquals(new CType.Prim(PrimKind.LLONG), typedef(model, "ll_t").target());
        assertEquals("ll_t ext(ll_t x, const ll_t *y)", function(model, "ext").prototype());

        assertEquals(List.of("counter", "version_string", "table"), model.globals().stream().map(g -> g.name()).toList());
        assertEquals("const char *const version_string", model.globals().get(1).type().declare("version_string"));
    }

    @Test
    void integerDefinesOfTheMainHeaderBecomeConstants() throws Exception {
        ApiModel model = rich();
        assertEquals(List.of("LEN=IntValue[bits=16, size=4, signed=true]", "FLAGS=IntValue[bits=20, size=4, signed=false]",
                "NEG=IntValue[bits=-5, size=4, signed=true]", "CH=IntValue[bits=65, size=4, signed=true]",
                "BIG=IntValue[bits=4294967295, size=4, signed=false]", "WRAP=IntValue[bits=0, size=4, signed=false]",
                "MASK=IntValue[bits=255, size=4, signed=true]", "NAME=StringValue[text=jembed]", "PI=FloatValue[value=3.14]",
                "COUNT_PLUS=IntValue[bits=8, size=4, signed=true]"),
                model.constants().stream().map(c -> c.name() + "=" + c.value()).toList(),
                "guards, empty and function-like macros, #undef'd and project-header macros are left out");
        ConstantDecl len = model.constants().get(0);
        assertEquals("plugin.h:15:9", len.pos().toString());
    }

    // --- diagnostics ----------------------------------------------------------------------------

    @Test
    void unknownTypeNameIsReportedLikeGcc() {
        DiagnosticException e = parseFails("""
                #include <stdint.h>
                typedef int known_t;
                int use(foo_t *x, known_t y);
                """);
        assertEquals("plugin.h:3:9: error: unknown type name 'foo_t'", e.getMessage());
    }

    @Test
    void syntaxErrorHasAPositionAndAReadableMessage() {
        DiagnosticException e = parseFails("int ok(void);\nint g(int a b);\n");
        assertEquals("plugin.h:2:13: error: expected ')' before 'b'", e.getMessage());

        DiagnosticException member = parseFails("struct s {\n    int x y;\n};\n");
        assertEquals("plugin.h:2:11: error: expected ';' before 'y'", member.getMessage());

        DiagnosticException missing = parseFails("int f(void)\nint g(void);\n");
        assertEquals("plugin.h:2:1: error: expected ';' before 'int'", missing.getMessage());

        DiagnosticException stray = parseFails("int h(void) @;\n");
        assertEquals("plugin.h:1:13: error: stray '@' in program", stray.getMessage());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        DiagnosticException e = parseFails("""
                int first(bad_t a);
                int second(int a b);
                int fine(void);
                struct s { int x; }
                int after(void);
                int third(also_bad_t *p);
                """);
        assertEquals(List.of(
                "plugin.h:1:11: error: unknown type name 'bad_t'",
                "plugin.h:2:18: error: expected ')' before 'b'",
                "plugin.h:5:1: error: two or more data types in declaration specifiers; is a ';' missing after the definition of 'struct s'?",
                "plugin.h:6:11: error: unknown type name 'also_bad_t'"),
                e.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void functionDefinitionsAreRejected() {
        DiagnosticException e = parseFails("int twice(int x) { return 2 * x; }\nint ok(void);\n");
        assertEquals("plugin.h:1:5: error: function definitions are not allowed in the API header; move 'twice' to a .c file"
                + " under src/main/c, or make it 'static inline' to leave it to C", e.getMessage());
    }

    @Test
    void semanticErrorsAreWordedLikeGcc() {
        DiagnosticException e = parseFails("""
                typedef int num_t;
                typedef long num_t;
                enum e { A, B, A };
                extern char buf[4];
                double _Complex cplx(void);
                __int128 big(void);
                int f(int);
                long f(int);
                """);
        assertEquals(List.of(
                "plugin.h:2:14: error: conflicting types for 'num_t'; have 'long', previously declared as 'int' at plugin.h:1:13",
                "plugin.h:3:16: error: redeclaration of enumerator 'A'; previous definition at plugin.h:3:10",
                "plugin.h:8:6: error: conflicting types for 'f'; have 'long (int)', previously declared as 'int (int)' at"
                        + " plugin.h:7:5"),
                e.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void identicalRedefinitionsAreAllowed() throws Exception {
        ApiModel model = parse("typedef int num_t;\ntypedef int num_t;\nint f(num_t a);\nint f(num_t b);\n");
        assertEquals(1, model.typedefs().size());
        assertEquals("int f(num_t a)", only(model.functions()).prototype());
    }

    @Test
    void pointersToSystemHeaderTypesAreAccepted() throws Exception {
        ApiModel model = parse("#include <stdio.h>\nvoid dump(FILE *out);\n");
        assertEquals(new CType.Pointer(new CType.Named("FILE", new CType.StructRef(false, "_IO_FILE", "_IO_FILE"))),
                only(model.functions()).params().get(0).type(), "the C library's own definition");
    }

    @Test
    void antlrPrintsNothingToTheConsole() throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            parseFails("int a b c;\n} ; int (;\nstruct { int x }\n");
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    // --- declarators print back to C that gcc accepts -------------------------------------------

    @Test
    void prototypesRoundTripThroughGcc() throws Exception {
        ApiModel model = rich();
        List<String> lines = new ArrayList<>();
        lines.add("#include \"plugin.h\"");
        for (FunctionDecl f : model.functions()) {
            lines.add(f.prototype() + ";");
        }
        for (TypedefDecl t : model.typedefs()) {
            if (!(t.target() instanceof CType.StructRef r && r.tag().isEmpty()
                    || t.target() instanceof CType.EnumRef e && e.tag().isEmpty())) {
                lines.add("typedef " + t.target().declare(t.name()) + ";");
            }
        }
        model.globals().forEach(g -> lines.add("extern " + g.type().declare(g.name()) + ";"));
        for (StructDecl s : model.structs()) {
            for (Field field : s.fields()) {
                if (!field.name().isEmpty() && field.bitWidth().isEmpty() && !(field.type() instanceof CType.StructRef r && r.tag().isEmpty())) {
                    lines.add("extern " + field.type().declare(s.key().replace("$", "_") + "_" + field.name()) + ";");
                }
            }
        }
        Files.writeString(dir.resolve("roundtrip.c"), String.join("\n", lines) + "\n");
        ToolCall gcc = ToolCall.run(List.of("gcc", "-std=gnu11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror", "roundtrip.c"), dir);
        assertTrue(gcc.succeeded(), () -> String.join("\n", lines) + "\n" + gcc.stderr());
        assertTrue(lines.size() > 40, "the round trip covers many declarations");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private ApiModel rich() throws Exception {
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("include/shapes.h"), SHAPES);
        return parse(RICH);
    }

    /** The whole front end: preprocess, parse, and the compiler's probe. */
    private ApiModel parse(String header) throws IOException, DiagnosticException {
        HeaderParser.Result r = analyze(header);
        ApiModel selected = org.jembed.core.host.HostSelection.select(r.model(), org.jembed.core.host.HostRequest.none(),
                java.util.Set.of()).model();
        return Probe.run(selected, r.macros(), new Probe.Request("gcc", dir, "plugin.h", List.of(Path.of("include")),
                List.of())).model();
    }

    private HeaderParser.Result analyze(String header) throws IOException, DiagnosticException {
        Files.writeString(dir.resolve("plugin.h"), header);
        Preprocessor.Result pp = Preprocessor.run("gcc", dir, Path.of("plugin.h"), List.of());
        return HeaderParser.analyze(pp.text(), pp.mainFileName());
    }

    private DiagnosticException parseFails(String header) {
        return assertThrows(DiagnosticException.class, () -> parse(header));
    }

    private static FunctionDecl function(ApiModel model, String name) {
        return model.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no function " + name + " in " + model.functions().stream().map(FunctionDecl::name)
                        .collect(Collectors.joining(", "))));
    }

    private static TypedefDecl typedef(ApiModel model, String name) {
        return model.typedefs().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static Field field(StructDecl s, String name) {
        return s.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), () -> "expected one element: " + list);
        return list.get(0);
    }
}
