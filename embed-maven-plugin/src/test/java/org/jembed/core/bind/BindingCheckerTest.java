package org.jembed.core.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.Field;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

class BindingCheckerTest {
    private static final int PUBLIC_STATIC = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
    private static final CType INT = new CType.Prim(PrimKind.INT);
    private static final CType.StructRef POINT_STRUCT = new CType.StructRef(false, "", "$anon1");
    private static final CType POINT = new CType.Named("point_t", POINT_STRUCT);

    private static SourcePos at(int line, int col) {
        return new SourcePos("plugin.h", line, col);
    }

    private static final ApiModel MODEL = new ApiModel("plugin.h",
            List.of(new FunctionDecl("do_stuff", INT, List.of(new Param("p", new CType.Pointer(POINT), at(3, 21))), false, at(3, 5)),
                    new FunctionDecl("greet", new CType.Void(), List.of(new Param("name",
                            new CType.Pointer(new CType.Const(new CType.Prim(PrimKind.CHAR))), at(4, 24))), false, at(4, 6))),
            List.of(new StructDecl("$anon1", "", false, List.of(
                    new Field("x", INT, OptionalInt.empty(), at(1, 22)), new Field("y", INT, OptionalInt.empty(), at(1, 25))),
                    true, Optional.of("point_t"), at(1, 9))),
            List.of(), List.of(), List.of(), List.of());
    private static final ViewNames VIEWS = ViewNames.of(MODEL, "com.example.capi");

    private static ExportScanner.Found export(String method, String descriptor, String cName) {
        return new ExportScanner.Found("com/example/Init", Opcodes.ACC_PUBLIC, method, descriptor, PUBLIC_STATIC, cName,
                false, "Init.java", 10);
    }

    private static List<String> errors(List<ExportScanner.Found> found) {
        DiagnosticException e = assertThrows(DiagnosticException.class,
                () -> new BindingChecker(MODEL, VIEWS, f -> "src/main/java/com/example/" + f.sourceFile()).check(found));
        return e.diagnostics().stream().map(Object::toString).toList();
    }

    @Test
    void bindsViewsStringsAndPrimitives() throws DiagnosticException {
        BindingChecker.Result r = new BindingChecker(MODEL, VIEWS, f -> f.sourceFile()).check(List.of(
                export("do_stuff", "(Lcom/example/capi/point_t;)I", "do_stuff"),
                export("hello", "(Ljava/lang/String;)V", "greet")));
        assertEquals(2, r.bindings().size());
        assertEquals("(J)I", r.bindings().get(0).bridgeDescriptor());
        assertEquals(Binding.Conversion.VIEW, r.bindings().get(0).params().get(0).conversion());
        assertEquals(Binding.Conversion.STRING, r.bindings().get(1).params().get(0).conversion());
    }

    @Test
    void segmentIsAcceptedForAStructPointer() throws DiagnosticException {
        BindingChecker.Result r = new BindingChecker(MODEL, VIEWS, f -> f.sourceFile()).check(List.of(
                export("do_stuff", "(Ljava/lang/foreign/MemorySegment;)I", "do_stuff"),
                export("greet", "(Ljava/lang/foreign/MemorySegment;)V", "greet")));
        assertEquals(Binding.Conversion.SEGMENT, r.bindings().get(0).params().get(0).conversion());
    }

    @Test
    void reportsMissingDuplicateMismatchedAndStrayBindingsAtOnce() {
        List<String> errors = errors(List.of(
                export("greet", "(Ljava/lang/String;)V", "greet"),
                export("greet2", "(Ljava/lang/String;)V", "greet"),
                export("dostuff", "(I)I", "do_stuf")));
        assertEquals(List.of(
                "src/main/java/com/example/Init.java:10: error: @Export method 'com.example.Init.dostuff' implements 'do_stuf', which plugin.h does not declare; did you mean 'do_stuff'?",
                "plugin.h:3:5: error: no @Export method implements 'do_stuff'; add '@Export public static int do_stuff(point_t p)' to a public class",
                "plugin.h:4:6: error: 'greet' has 2 @Export methods (com.example.Init.greet at src/main/java/com/example/Init.java:10, com.example.Init.greet2 at src/main/java/com/example/Init.java:10); keep exactly one"),
                errors);
    }

    @Test
    void reportsParameterAndReturnMismatchesAtTheHeaderPosition() {
        List<String> errors = errors(List.of(
                export("do_stuff", "(Ljava/lang/String;)J", "do_stuff"),
                export("greet", "(Ljava/lang/String;I)V", "greet")));
        assertEquals(List.of(
                "plugin.h:3:21: error: parameter 1 of 'do_stuff' ('point_t *p') cannot be 'String' in com.example.Init.do_stuff (src/main/java/com/example/Init.java:10); use 'point_t' or 'MemorySegment'",
                "plugin.h:3:5: error: 'do_stuff' returns 'int' but com.example.Init.do_stuff (src/main/java/com/example/Init.java:10) returns 'long'; use 'int'",
                "plugin.h:4:6: error: 'greet' takes 1 parameter in plugin.h but com.example.Init.greet (src/main/java/com/example/Init.java:10) takes 2; expected 'void greet(String name)'"),
                errors);
    }

    @Test
    void exportMustBePublicStaticAndInitMustTakeNothing() {
        var notStatic = new ExportScanner.Found("com/example/Init", Opcodes.ACC_PUBLIC, "do_stuff",
                "(Lcom/example/capi/point_t;)I", Opcodes.ACC_PUBLIC, "do_stuff", false, "Init.java", 10);
        var badInit = new ExportScanner.Found("com/example/Init", Opcodes.ACC_PUBLIC, "setup", "(I)V", PUBLIC_STATIC,
                "", true, "Init.java", 20);
        List<String> errors = errors(List.of(notStatic, badInit, export("greet", "(Ljava/lang/String;)V", "greet")));
        assertEquals(List.of(
                "src/main/java/com/example/Init.java:10: error: @Export method 'com.example.Init.do_stuff' must be 'public static' in a public class",
                "src/main/java/com/example/Init.java:20: error: @Init method 'com.example.Init.setup' must be 'public static void' with no parameters, in a public class"),
                errors);
    }
}
