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

    private static final ApiModel MODEL = withTarget(new ApiModel("plugin.h",
            List.of(new FunctionDecl("do_stuff", INT, List.of(new Param("p", new CType.Pointer(POINT), at(3, 21))), false, at(3, 5)),
                    new FunctionDecl("greet", new CType.Void(), List.of(new Param("name",
                            new CType.Pointer(CType.Qualified.constOf(new CType.Prim(PrimKind.CHAR))), at(4, 24))), false, at(4, 6))),
            List.of(new StructDecl("$anon1", "", false, List.of(
                    new Field("x", INT, OptionalInt.empty(), at(1, 22)), new Field("y", INT, OptionalInt.empty(), at(1, 25))),
                    true, Optional.of("point_t"), at(1, 9))),
            List.of(), List.of(), List.of(), List.of()));
    private static final ViewNames VIEWS = ViewNames.of(MODEL, "com.example.capi");

    private static ExportScanner.Found export(String method, String descriptor, String cName, String error, String onError) {
        return new ExportScanner.Found("com/example/Init", Opcodes.ACC_PUBLIC, method, descriptor, PUBLIC_STATIC, cName,
                false, "Init.java", 10, error, onError);
    }

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

    private static final ApiModel VALUES = withTarget(new ApiModel("values.h",
            List.of(new FunctionDecl("move", POINT, List.of(new Param("p", POINT, at(2, 20))), false, at(2, 9)),
                    new FunctionDecl("name", new CType.Pointer(CType.Qualified.constOf(new CType.Prim(PrimKind.CHAR))), List.of(),
                            false, at(3, 13)),
                    new FunctionDecl("count", new CType.Named("uint8_t", new CType.Prim(PrimKind.UCHAR)), List.of(),
                            false, at(4, 9)),
                    new FunctionDecl("ratio", new CType.Prim(PrimKind.DOUBLE), List.of(), false, at(5, 8))),
            MODEL.structs(), List.of(), List.of(), List.of(), List.of()));

    private static ExportScanner.Found export(String method, String descriptor, String error, String onError) {
        return new ExportScanner.Found("com/example/Init", Opcodes.ACC_PUBLIC, method, descriptor, PUBLIC_STATIC, method,
                false, "Init.java", 10, error, onError);
    }

    @Test
    void structsByValueAndStringResultsCross() throws DiagnosticException {
        BindingChecker.Result r = new BindingChecker(VALUES, VIEWS, f -> f.sourceFile()).check(List.of(
                export("move", "(Lcom/example/capi/point_t;)Lcom/example/capi/point_t;", "", ""),
                export("name", "()Ljava/lang/String;", "", ""),
                export("count", "()B", "255", ""),
                export("ratio", "()D", "NaN", "")));
        assertEquals("(J)J", r.bindings().get(0).bridgeDescriptor());
        assertEquals(Binding.Conversion.STRUCT_VALUE, r.bindings().get(0).params().get(0).conversion());
        assertEquals(Binding.Conversion.STRUCT_VALUE, r.bindings().get(0).result().conversion());
        assertEquals(Binding.Conversion.STRING, r.bindings().get(1).result().conversion());
        assertEquals("((uint8_t)255ULL)", r.bindings().get(2).errorValue().cExpression());
        assertEquals("((double)(NAN))", r.bindings().get(3).errorValue().cExpression());
    }

    @Test
    void errorValuesMustFitTheCTypeAndHandlersMustExist() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new BindingChecker(VALUES,
                java.util.Optional.empty(), VIEWS, f -> "Init.java", java.util.Set.of("com/example/Init.ok(Ljava/lang/Throwable;)D"))
                .check(List.of(
                        export("move", "(Lcom/example/capi/point_t;)Lcom/example/capi/point_t;", "0", ""),
                        export("name", "()Ljava/lang/String;", "\"none\"", "missing"),
                        export("count", "()B", "256", ""),
                        export("ratio", "()D", "", "ok"))));
        assertEquals(List.of(
                "Init.java:10: error: @Export(error = \"0\") of com.example.Init.move: a struct returned by value always has a"
                        + " zeroed struct as its error value; use onError to return another",
                "Init.java:10: error: @Export(error = \"\"none\"\") of com.example.Init.name: 'const char *' can only have the"
                        + " error value \"NULL\"",
                "Init.java:10: error: @Export(onError = \"missing\") of com.example.Init.name: add 'public static String"
                        + " missing(Throwable t)' to com.example.Init; it receives what the method threw and returns the value for C",
                "Init.java:10: error: @Export(error = \"256\") of com.example.Init.count: 256 is out of range for 'uint8_t'"
                        + " (-128 to 255)"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void handlersMayTakeTheArgumentsAndTheDefaultHandlerServesTheOthers() throws DiagnosticException {
        String own = "com/example/Init.replied(Ljava/lang/Throwable;Lcom/example/capi/point_t;)I";
        String plain = "com/example/Init.replied(Ljava/lang/Throwable;)I";
        String defaultVoid = "com/example/Replies.greetFailed(Ljava/lang/Throwable;Ljava/lang/String;)V";
        BindingChecker.Result r = new BindingChecker(MODEL, Optional.empty(), VIEWS, f -> f.sourceFile(),
                java.util.Set.of(own, plain, defaultVoid),
                Optional.of(new BindingChecker.DefaultHandler("com.example.Replies", new SourcePos("pom.xml", 40, 11))))
                .check(List.of(
                        export("do_stuff", "(Lcom/example/capi/point_t;)I", "do_stuff", "", "replied"),
                        export("hello", "(Ljava/lang/String;)V", "greet", "", "")));
        // both forms exist: the one with the arguments is used
        assertEquals(Optional.of(new Binding.Handler("com/example/Init", "replied",
                "(Ljava/lang/Throwable;Lcom/example/capi/point_t;)I", true)), r.bindings().get(0).onError());
        assertEquals(Optional.of(new Binding.Handler("com/example/Replies", "greetFailed",
                "(Ljava/lang/Throwable;Ljava/lang/String;)V", true)), r.bindings().get(1).onError());

        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new BindingChecker(MODEL, Optional.empty(),
                VIEWS, f -> f.sourceFile(), java.util.Set.of(defaultVoid, "com/example/Replies.other(Ljava/lang/Throwable;"
                + "Ljava/lang/String;)V", "com/example/Replies.stuff(Ljava/lang/Throwable;)I"),
                Optional.of(new BindingChecker.DefaultHandler("com.example.Replies", new SourcePos("pom.xml", 40, 11))))
                .check(List.of(export("do_stuff", "(Lcom/example/capi/point_t;)I", "do_stuff", "", ""),
                        export("hello", "(Ljava/lang/String;)V", "greet", "", ""))));
        assertEquals(List.of("plugin.h:4:6: error: 'greet' has 2 onError handlers in the <errorHandler> class"
                + " com.example.Replies (pom.xml:40:11): greetFailed, other take the same parameters and return the same"
                + " type; keep one, or give com.example.Init.hello its own @Export(onError = ...)"),
                e.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void aDefaultHandlerMustServeEveryFunctionAndExist() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new BindingChecker(MODEL, Optional.empty(),
                VIEWS, f -> "src/main/java/com/example/" + f.sourceFile(), java.util.Set.of(
                        "com/example/Replies.onError(Ljava/lang/Throwable;)V"),
                Optional.of(new BindingChecker.DefaultHandler("com.example.Replies", new SourcePos("pom.xml", 40, 11))))
                .check(List.of(
                        export("do_stuff", "(Lcom/example/capi/point_t;)I", "do_stuff", "", ""),
                        export("hello", "(Ljava/lang/String;)V", "greet", "", ""))));
        assertEquals(List.of("plugin.h:3:5: error: 'do_stuff' has no onError handler: the <errorHandler> class"
                + " com.example.Replies (pom.xml:40:11) has no 'public static int onError(Throwable t)' or 'public static"
                + " int onError(Throwable t, point_t p)' (any name); add one, or give com.example.Init.do_stuff its own"
                + " @Export(onError = ...)"), e.diagnostics().stream().map(Object::toString).toList());

        e = assertThrows(DiagnosticException.class, () -> new BindingChecker(MODEL, Optional.empty(), VIEWS,
                f -> f.sourceFile(), java.util.Set.of("com/example/Init.ok(Ljava/lang/Throwable;)V"),
                Optional.of(new BindingChecker.DefaultHandler("com.example.Nope", new SourcePos("pom.xml", 40, 11))))
                .check(List.of(export("hello", "(Ljava/lang/String;)V", "greet", "", "ok"))));
        assertEquals("pom.xml:40:11: error: <errorHandler> 'com.example.Nope' is not a public class of this project with"
                + " public static methods; give the binary name of a class in src/main/java, e.g. com.example.Replies",
                e.diagnostics().get(0).toString());
    }

    @Test
    void aMissingHandlerIsNamedInBothForms() {
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> new BindingChecker(MODEL, Optional.empty(),
                VIEWS, f -> "Init.java", java.util.Set.of()).check(List.of(
                        export("do_stuff", "(Lcom/example/capi/point_t;)I", "do_stuff", "", "failed"),
                        export("hello", "(Ljava/lang/String;)V", "greet", "", ""))));
        assertEquals(List.of("Init.java:10: error: @Export(onError = \"failed\") of com.example.Init.do_stuff: add 'public"
                + " static int failed(Throwable t)' or 'public static int failed(Throwable t, point_t p)' to"
                + " com.example.Init; it receives what the method threw (and, in the second form, the call's arguments)"
                + " and returns the value for C"), e.diagnostics().stream().map(Object::toString).toList());
    }

    /** The model with x86-64 gcc's scalar sizes, as its {@code gcc -E -dD} predefines them. */
    private static ApiModel withTarget(ApiModel m) {
        org.jembed.core.model.Abi abi = org.jembed.core.model.Abi.fromPredefined(java.util.Map.of("__SIZEOF_SHORT__", "2",
                "__SIZEOF_INT__", "4", "__SIZEOF_LONG__", "8", "__SIZEOF_LONG_LONG__", "8", "__SIZEOF_FLOAT__", "4",
                "__SIZEOF_DOUBLE__", "8", "__SIZEOF_LONG_DOUBLE__", "16", "__SIZEOF_POINTER__", "8"));
        return new ApiModel(m.headerName(), m.functions(), m.structs(), m.enums(), m.typedefs(), m.globals(), m.constants(),
                List.of(), abi);
    }
}
