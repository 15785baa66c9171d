package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jembed.core.bind.ErrorValues;
import org.jembed.core.bind.TypeMapping;
import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Layout;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same header probed by each target's compiler (the cross compilers {@code .ci/run} installs, and clang for
 * macOS, which needs no SDK for {@code stddef.h}): the model holds that target's answers, and the Java side follows.
 */
class CrossProbeTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            #include <stddef.h>
            typedef struct { char tag; long value; } record_t;
            enum mode { MODE_OFF, MODE_ON };
            typedef enum { LEVEL_LOW = -1, LEVEL_HIGH = 1 } level_t;
            #define LIMIT 1000000L
            #define NAME "cross"
            long count(unsigned long n, char c, wchar_t w, size_t size, record_t *r, enum mode m, level_t l);
            """;

    /**
     * What a target's ABI document says (System V x86-64 psABI; Procedure Call Standard for the Arm 64-bit
     * Architecture, "Arithmetic types" and its Apple variant; Microsoft x64 ABI "Types and storage").
     */
    record Expected(int longSize, boolean charUnsigned, PrimKind wchar, PrimKind size, long recordSize,
                    long valueOffset, int longDoubleSize, List<String> javaTypes) {}

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of(Target.LINUX_X86_64, new Expected(8, false, PrimKind.INT, PrimKind.ULONG, 16, 8, 16,
                        List.of("J", "J", "B", "I", "J"))),
                Arguments.of(Target.LINUX_AARCH_64, new Expected(8, true, PrimKind.UINT, PrimKind.ULONG, 16, 8, 16,
                        List.of("J", "J", "B", "I", "J"))),
                Arguments.of(Target.WINDOWS_X86_64, new Expected(4, false, PrimKind.USHORT, PrimKind.ULLONG, 8, 4, 16,
                        List.of("I", "I", "B", "S", "J"))),
                Arguments.of(Target.OSX_AARCH_64, new Expected(8, false, PrimKind.INT, PrimKind.ULONG, 16, 8, 8,
                        List.of("J", "J", "B", "I", "J"))));
    }

    private Probe.Result probe(Target target, String header) throws Exception {
        target.require();
        Files.writeString(dir.resolve("plugin.h"), header);
        Preprocessor.Result pp = Preprocessor.run(target.driver(), dir, Path.of("plugin.h"), List.of(), List.of(),
                target.options());
        HeaderParser.Result parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        ApiModel selected = org.jembed.core.host.HostSelection.select(parsed.model(),
                org.jembed.core.host.HostRequest.none(), java.util.Set.of()).model();
        return Probe.run(selected, parsed.macros(),
                new Probe.Request(target.driver(), dir, pp.mainFileName(), List.of(), target.options()));
    }

    private ApiModel probe(Target target) throws Exception {
        Probe.Result r = probe(target, HEADER);
        System.out.println(target + ": " + describe(r.model()) + " (" + r.compiles() + " compile(s))");
        // every macro is a constant: one compile; clang is told apart by rejecting gcc's options, which costs one more
        assertEquals(target.driver().equals("clang") ? 2 : 1, r.compiles(), "compiles");
        return r.model();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theModelHoldsTheTargetCompilersAnswers(Target target, Expected expected) throws Exception {
        ApiModel m = probe(target);
        Abi abi = m.abi();
        assertEquals(expected.longSize(), abi.sizeOf(PrimKind.LONG).getAsLong(), "sizeof(long)");
        assertEquals(expected.longSize(), abi.sizeOf(PrimKind.ULONG).getAsLong(), "sizeof(unsigned long)");
        assertEquals(expected.longSize(), abi.alignOf(PrimKind.LONG).getAsLong(), "_Alignof(long)");
        assertEquals(expected.charUnsigned(), abi.charUnsigned(), "plain char is unsigned");
        assertEquals(expected.longDoubleSize(), abi.sizeOf(PrimKind.LONG_DOUBLE).getAsLong(), "sizeof(long double)");
        assertEquals(8, abi.pointerSize());
        assertEquals(false, abi.bigEndian());

        FunctionDecl count = m.functions().get(0);
        assertEquals(new CType.Prim(expected.wchar()), count.params().get(2).type().resolved(), "wchar_t");
        assertEquals(new CType.Prim(expected.size()), count.params().get(3).type().resolved(), "size_t");
        assertEquals("long count(unsigned long n, char c, wchar_t w, size_t size, record_t *r, enum mode m, level_t l)",
                count.prototype(), "the header's spelling is kept");

        StructDecl record = m.structs().get(0);
        assertEquals(new Layout(expected.recordSize(), expected.longSize()), Layout.of(record, m));
        assertEquals(Map.of("tag", 0L, "value", expected.valueOffset()), Layout.members(record, m).stream()
                .collect(Collectors.toMap(x -> x.field().name(), Layout.Member::offset)));

        EnumDecl mode = m.enums().get(0);
        EnumDecl level = m.enums().get(1);
        assertEquals(new Abi.EnumLayout(4, 4, false), abi.enumLayout(mode.key()).orElseThrow(), "no negative enumerator");
        assertEquals(new Abi.EnumLayout(4, 4, true), abi.enumLayout(level.key()).orElseThrow(), "a negative enumerator");
        assertEquals(-1L, level.values().get(0).value());

        Map<String, ConstantDecl.Value> constants = m.constants().stream()
                .collect(Collectors.toMap(ConstantDecl::name, ConstantDecl::value));
        assertEquals(new ConstantDecl.IntValue(1000000, expected.longSize(), true), constants.get("LIMIT"));
        assertEquals(new ConstantDecl.StringValue("cross"), constants.get("NAME"));

        // the Java side: return type, then unsigned long, char, wchar_t, size_t, as their preferred Java types
        ViewNames views = ViewNames.of(m, "com.example");
        List<String> java = Stream.of(count.returnType(), count.params().get(0).type(), count.params().get(1).type(),
                count.params().get(2).type(), count.params().get(3).type())
                .map(t -> TypeMapping.classify(t, m, views).javaTypes().get(0)).toList();
        assertEquals(expected.javaTypes(), java);
        assertEquals(List.of("I"), TypeMapping.classify(count.params().get(6).type(), m, views).javaTypes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aCharErrorValueIsCheckedAgainstTheTargetsCharSignedness(Target target, Expected expected) throws Exception {
        ApiModel m = probe(target);
        CType plainChar = m.functions().get(0).params().get(1).type();
        if (expected.charUnsigned()) {
            assertEquals("((char)200ULL)", ErrorValues.parse("200", plainChar, m).cExpression());
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ErrorValues.parse("200", plainChar, m));
            assertEquals("200 is out of range for 'char' (-128 to 127)", e.getMessage());
        }
        CType level = m.functions().get(0).params().get(6).type();
        assertEquals("((level_t)-1LL)", ErrorValues.parse("-1", level, m).cExpression());
    }

    @org.junit.jupiter.api.Test
    void aThirtyTwoBitTargetsAlignmentsComeFromItsCompiler() throws Exception {
        Target i686 = new Target("linux-x86_32", "clang", List.of("-target", "i686-linux-gnu"), "clang");
        ApiModel m = probe(i686, """
                typedef struct { int a; double d; long long q; } mixed_t;
                typedef struct { int a; float f; } pair_t;
                void take(mixed_t m, pair_t p, long l);
                """).model();
        Abi abi = m.abi();
        assertEquals(4, abi.pointerSize());
        assertEquals(4, abi.sizeOf(PrimKind.LONG).getAsLong());
        assertEquals(4, abi.alignOf(PrimKind.DOUBLE).getAsLong(), "i386 System V: double is 4-aligned");
        assertEquals(4, abi.alignOf(PrimKind.LLONG).getAsLong());
        StructDecl mixed = m.structs().get(0);
        assertEquals(new Layout(20, 4), Layout.of(mixed, m));
        assertEquals(Map.of("a", 0L, "d", 4L, "q", 12L), Layout.members(mixed, m).stream()
                .collect(Collectors.toMap(x -> x.field().name(), Layout.Member::offset)));
        assertEquals("struct mixed_t has a member of type double aligned to 4 bytes, which FFM's ValueLayout.JAVA_DOUBLE"
                + " is not", org.jembed.core.model.FfmLayout.of(mixed, m).reason());
        assertEquals(true, org.jembed.core.model.FfmLayout.of(m.structs().get(1), m).expression().isPresent());
        assertEquals(List.of("I"), TypeMapping.classify(m.functions().get(0).params().get(2).type(), m,
                ViewNames.of(m, "com.example")).javaTypes());
    }

    /** The answers in one line, for the test log. */
    private static String describe(ApiModel m) {
        Abi abi = m.abi();
        FunctionDecl f = m.functions().get(0);
        StructDecl record = m.structs().get(0);
        return "long " + abi.sizeOf(PrimKind.LONG).getAsLong() + "/" + abi.alignOf(PrimKind.LONG).getAsLong()
                + ", unsigned long " + abi.sizeOf(PrimKind.ULONG).getAsLong()
                + ", char " + (abi.charUnsigned() ? "unsigned" : "signed")
                + ", long double " + abi.sizeOf(PrimKind.LONG_DOUBLE).getAsLong() + "/" + abi.alignOf(PrimKind.LONG_DOUBLE).getAsLong()
                + ", void * " + abi.pointerSize() + "/" + abi.pointerAlign()
                + ", " + (abi.bigEndian() ? "big" : "little") + "-endian"
                + ", wchar_t = " + f.params().get(2).type().resolved().cName()
                + ", size_t = " + f.params().get(3).type().resolved().cName()
                + ", record_t " + abi.struct(record.key()).orElseThrow().size() + "/" + abi.struct(record.key()).orElseThrow().align()
                + " offsets " + abi.struct(record.key()).orElseThrow().offsets()
                + ", enum mode " + abi.enumLayout(m.enums().get(0).key()).orElseThrow()
                + ", level_t " + abi.enumLayout(m.enums().get(1).key()).orElseThrow()
                + ", constants " + m.constants().stream().map(c -> c.name() + "=" + c.value()).toList();
    }
}
