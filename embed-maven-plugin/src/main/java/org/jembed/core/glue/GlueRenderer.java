package org.jembed.core.glue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jembed.core.bind.Binding;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Carrier;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Layout;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.SymbolTable;

/**
 * Renders the C glue of a library: one definition per exported function (the header's exact prototype)
 * that dispatches to the bridge through its FFM upcall stub once one is published, through JNI before, the library
 * descriptor, layout assertions, and the file that embeds the frozen classes.
 */
public final class GlueRenderer {

    /**
     * A boot class embedded beside the image.
     *
     * @param internalName e.g. {@code org/jembed/runtime/boot/FrozenLoader}
     * @param file         its class file on disk, for {@code .incbin}
     */
    public record BootClass(String internalName, Path file) {
        /** The assembler symbol prefix, e.g. {@code jembed_boot_0}. */
        public String symbol(int index) {
            return "jembed_boot_" + index;
        }
    }

    /**
     * What the glue needs besides the model and bindings.
     *
     * @param libraryName    the library name, a C identifier
     * @param bridgeClass    the bridge's binary name, e.g. {@code org.jembed.generated.my_plugin.Bridge}
     * @param jvmOptions     options for a JVM this library creates, defaults first
     * @param buildJavaHome  the JDK recorded for the libjvm search; empty for a cross build (the build JDK cannot run on
     *                       the target), rendered as {@code NULL}
     * @param startFunction  the exported explicit-start function's name, if any
     * @param runtime        run-time options: JVM options from the environment, strict mode, shutdown function
     * @param image          the frozen-classes jar
     * @param imageSha256    its content hash, hex
     * @param bootClasses    the boot package's classes
     * @param startupCache   the file name of the start-up (AOT) cache the library looks for beside itself, if any
     */
    public record Library(String libraryName, String bridgeClass, List<String> jvmOptions, Optional<String> buildJavaHome,
                          Optional<String> startFunction, RuntimeOptions runtime, Path image, String imageSha256,
                          List<BootClass> bootClasses, Optional<String> startupCache) {}

    /**
     * Run-time behaviour chosen in the pom.
     *
     * @param optionsEnvVar     the environment variable whose value adds JVM options, e.g. {@code MY_PLUGIN_JVM_OPTIONS};
     *                          empty when the pom forbids options from the environment
     * @param strictEnvironment refuse to create a JVM while {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS} is set
     * @param shutdownFunction  the exported shutdown function's name, if any
     * @param dispatch          how calls reach Java
     * @param trustEnvironment  {@code false}: secure mode in every process, as in a privileged one: no environment
     *                          variable is read and libjvm must come from a file no other user can replace
     *                          ({@code jembed_trust.c}; the site's Security page)
     * @param exitTimeoutMs     how long Java's shutdown sequence may take when the host exits (ms); 0: not run
     */
    public record RuntimeOptions(Optional<String> optionsEnvVar, boolean strictEnvironment, Optional<String> shutdownFunction,
                                 Dispatch dispatch, boolean trustEnvironment, int exitTimeoutMs) {
        /** The default at-exit bound, 5 s. */
        public static final int DEFAULT_EXIT_TIMEOUT_MS = 5000;

        /** JVM options from the environment, strict mode and shutdown function, with the default dispatch, trusting the environment. */
        public RuntimeOptions(Optional<String> optionsEnvVar, boolean strictEnvironment, Optional<String> shutdownFunction) {
            this(optionsEnvVar, strictEnvironment, shutdownFunction, Dispatch.AUTO, true, DEFAULT_EXIT_TIMEOUT_MS);
        }
    }

    /**
     * How the exported functions call their Java methods (the pom's {@code <dispatch>}).
     *
     * @since 0.2.0
     */
    public enum Dispatch {
        /**
         * JNI from the first call ({@code CallStatic<T>MethodA}, ~80 ns a call); after 10,000 calls through JNI, a
         * background daemon thread builds an FFM upcall stub per function (~100 ms of one core and ~15 MB, once) and
         * swaps them in (~25 ns a call). A host that calls a few times never pays for FFM. The default.
         */
        AUTO,
        /** JNI only: no background work, no FFM classes loaded (the least memory; for short-lived hosts). */
        JNI,
        /** FFM stubs built during the start, before the first call returns: every call is an FFM upcall. */
        FFM;

        /** The glue's {@code JEMBED_DISPATCH_*} constant. */
        public String cConstant() {
            return "JEMBED_DISPATCH_" + name();
        }
    }

    /**
     * One exported function, as the template places it.
     *
     * @param cName            the C name
     * @param declaration      the header's prototype, quoted in a comment
     * @param definition       the prototype with every parameter named
     * @param descriptor       the bridge method's JVM descriptor
     * @param errorText        the error value, for messages ({@code 0}, {@code NULL}, {@code nothing})
     * @param errorReturn      what follows {@code return} on failure: {@code " 0"}, {@code " NULL"} or empty
     * @param argLines         statements filling {@code args[]}
     * @param callFunction     the JNI function, e.g. {@code CallStaticIntMethodA}
     * @param jniType          the JNI result type, e.g. {@code jint}
     * @param resultExpression the C return expression converting {@code result}
     * @param returnsVoid      true for {@code void} functions
     * @param visibility       {@code JEMBED_API} for an exported function, {@code JEMBED_HIDDEN} for an internal one
     * @param errorDecl        a file-scope declaration the error value needs (a zeroed struct), or empty
     * @param pos              the declaration in the header: the definition carries it as a {@code #line} marker
     * @param ffmPointerType   the C type of the binding's FFM upcall stub, e.g. {@code jint (*)(jint, jint, jlong)}:
     *                         the bridge method's JNI types plus the address of the caller's {@code int failed}
     * @param ffmArgs          the stub's arguments, comma-separated, ending with {@code (jlong)(intptr_t)&failed}
     * @param context          the host's context of a non-local exit ({@code jembed_nonlocal_perform}): the first
     *                         parameter when it is a pointer ({@code lua_State *L}), else {@code NULL}
     */
    public record GlueFunction(String cName, String declaration, String definition, String descriptor, String errorText,
                               String errorReturn, List<String> argLines, String callFunction, String jniType,
                               String resultExpression, boolean returnsVoid, String visibility, String errorDecl,
                               String ffmPointerType, String ffmArgs, org.jembed.core.model.SourcePos pos,
                               String context) {
        /** The number of JNI arguments. */
        public int argCount() {
            return argLines.size();
        }
    }

    /**
     * A {@code _Static_assert}.
     *
     * @param expression the asserted C expression
     * @param message    what it checks
     */
    public record LayoutAssert(String expression, String message) {}

    /** Boot class as the templates see it. */
    public record BootClassView(String internalName, String symbol, String asmPath) {}

    private final Templates templates;

    /** @param templates the template engine */
    public GlueRenderer(Templates templates) {
        this.templates = templates;
    }

    /**
     * The glue C file ({@code <name>_glue.c}).
     *
     * @param model    the API header
     * @param bindings exported and internal bindings, in bridge order
     * @param lib      the library
     */
    public String renderGlue(ApiModel model, List<Binding> bindings, Library lib) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("headerName", model.headerName().substring(model.headerName().lastIndexOf('/') + 1));
        v.put("libraryName", lib.libraryName());
        v.put("bridgeClass", lib.bridgeClass());
        List<GlueFunction> functions = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            functions.add(glueFunction(bindings.get(i), i));
        }
        v.put("bindings", functions);
        v.put("jvmOptions", lib.jvmOptions().stream().map(GlueRenderer::cString).toList());
        v.put("buildJavaHome", lib.buildJavaHome().map(GlueRenderer::cString).orElse("NULL"));
        v.put("startupCache", lib.startupCache().map(GlueRenderer::cString).orElse("NULL"));
        v.put("bootClasses", bootViews(lib));
        v.put("layoutAsserts", layoutAsserts(model));
        v.put("userStartFunction", startSymbol(lib.libraryName()));
        v.put("startFunction", lib.startFunction().isPresent() ? lib.startFunction().get() : false);
        v.put("shutdownFunction", lib.runtime().shutdownFunction().isPresent() ? lib.runtime().shutdownFunction().get() : false);
        v.put("optionsEnvVar", lib.runtime().optionsEnvVar().map(GlueRenderer::cString).orElse("NULL"));
        v.put("strictEnvironment", lib.runtime().strictEnvironment() ? 1 : 0);
        v.put("trustEnvironment", lib.runtime().trustEnvironment() ? 1 : 0);
        v.put("exitTimeoutMs", lib.runtime().exitTimeoutMs());
        v.put("dispatch", lib.runtime().dispatch().cConstant());
        return restoreLines(templates.render("glue.c.vm", v), lib.libraryName() + "_glue.c");
    }

    /**
     * The host C file ({@code <name>_host.c}): the wrappers of the host's macros and {@code static} functions Java
     * calls, the bit-field accessors of the views, and the symbol table generated Java reads ({@link SymbolTable}).
     * It is compiled without {@code -Werror}: the host's headers and macros expand there.
     *
     * @param model          the API header
     * @param internal       the internal header's model, if the project has one
     * @param guard    the host's guard header as the host file includes it ({@code jembed_guard_lua.h}, or a path of
     *                 the project's), if the library has one
     */
    public String renderHost(ApiModel model, Optional<ApiModel> internal, Optional<String> guard) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("headerName", model.headerName().substring(model.headerName().lastIndexOf('/') + 1));
        v.put("guard", guard.map(GlueRenderer::cString).orElse(""));
        List<SymbolTable.BitField> bitFields = bitFields(model);
        List<SymbolTable.Entry> entries = SymbolTable.entries(model, internal, bitFields);
        v.put("symbols", entries.stream().map(SymbolTable.Entry::address).toList());
        v.put("wrappers", HostWrappers.of(entries, guard.isPresent() && guard.get().endsWith("jembed_guard_lua.h")));
        v.put("bitFieldAccessors", bitFieldAccessors(bitFields, model));
        return templates.render("host.c.vm", v);
    }

    /**
     * {@code jembed_includes.h}: the API header and the internal header, which the glue and the host file include
     * through it, as a system header ({@code #pragma GCC system_header}, which Clang honours too): warnings in the
     * host's headers are the host's, not the glue's, which is compiled with {@code -Werror}.
     *
     * @param headerName     the API header's name
     * @param internalHeader the internal header's file name, if any
     */
    public String renderIncludes(String headerName, Optional<String> internalHeader) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("headerName", headerName.substring(headerName.lastIndexOf('/') + 1));
        v.put("internalHeader", internalHeader.orElse(""));
        return templates.render("jembed_includes.h.vm", v);
    }

    /**
     * The header user C includes ({@code jembed.h}, also force-included into every compile of the library): the
     * export macro, and the library's explicit start function, which user C may call before anything else.
     */
    public String renderUserHeader(String headerName, String libraryName) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("headerName", headerName.substring(headerName.lastIndexOf('/') + 1));
        v.put("libraryName", libraryName);
        return templates.render("jembed.h.vm", v);
    }

    /** The hidden explicit-start function every library defines, e.g. {@code jembed_my_plugin_start}. */
    public static String startSymbol(String libraryName) {
        return "jembed_" + libraryName + "_start";
    }

    /** The file embedding the frozen classes ({@code <name>_frozen.c}). */
    public String renderFrozen(Library lib) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("libraryName", lib.libraryName());
        v.put("imagePath", lib.image().getFileName().toString());
        v.put("imageAsmPath", asmPath(lib.image()));
        v.put("imageHash", lib.imageSha256());
        v.put("bootClasses", bootViews(lib));
        return templates.render("frozen.c.vm", v);
    }

    private static List<BootClassView> bootViews(Library lib) {
        List<BootClassView> out = new ArrayList<>();
        for (int i = 0; i < lib.bootClasses().size(); i++) {
            BootClass b = lib.bootClasses().get(i);
            out.add(new BootClassView(b.internalName(), b.symbol(i), asmPath(b.file())));
        }
        return out;
    }

    private static GlueFunction glueFunction(Binding b, int index) {
        FunctionDecl fn = b.function();
        List<Param> named = new ArrayList<>();
        List<String> argLines = new ArrayList<>();
        List<String> ffmTypes = new ArrayList<>();
        List<String> ffmArgs = new ArrayList<>();
        for (int i = 0; i < fn.params().size(); i++) {
            Param p = fn.params().get(i);
            // the header's names are kept for readability; the glue's own locals are all jembed_-prefixed
            String name = p.name().isEmpty() ? "jembed_arg" + i : p.name();
            named.add(new Param(name, p.type(), p.pos()));
            char jni = b.params().get(i).bridgeType().charAt(0);
            String value = b.params().get(i).conversion() == Binding.Conversion.STRUCT_VALUE
                    ? "(jlong)(intptr_t)&" + name
                    : argValue(name, p.type(), jni);
            argLines.add("jembed_args[" + i + "]." + Carrier.ofDescriptor(jni).orElseThrow().jvalue() + " = " + value + ";");
            ffmTypes.add(jniType(jni));
            ffmArgs.add(value);
        }
        ffmTypes.add("jlong");
        ffmArgs.add("(jlong)(intptr_t)&jembed_failed");
        String definition = new CType.Function(fn.returnType(), named, false).declare(fn.name());
        CType ret = fn.returnType();
        CType rr = ret.resolved();
        boolean isVoid = rr instanceof CType.Void;
        boolean isPointer = rr instanceof CType.Pointer;
        char r = b.result().bridgeType().charAt(0);
        String jniType = jniType(r);
        String call = "CallStatic" + Carrier.ofDescriptor(r).map(Carrier::jniCall).orElse("Void") + "MethodA";
        boolean isStruct = b.result().conversion() == Binding.Conversion.STRUCT_VALUE;
        String result;
        if (isVoid) {
            result = "";
        } else if (isStruct) {
            result = "*(" + new CType.Pointer(ret).cName() + ")(intptr_t)jembed_result";
        } else if (isPointer) {
            result = "(" + ret.cName() + ")(intptr_t)jembed_result";
        } else if (rr instanceof CType.Prim p && p.kind() == PrimKind.BOOL) {
            result = "jembed_result != JNI_FALSE";
        } else {
            result = "(" + ret.cName() + ")jembed_result";
        }
        String errorText = isVoid ? "nothing" : isPointer ? "NULL" : isStruct ? "a zeroed struct" : "0";
        String errorReturn = isVoid ? "" : isPointer ? " NULL" : isStruct ? " jembed_error_" + index : " 0";
        if (!b.errorValue().isDefault()) {
            errorText = b.errorValue().text();
            errorReturn = " " + b.errorValue().cExpression();
        }
        String errorDecl = isStruct ? "static const " + ret.declare("jembed_error_" + index) + ";" : "";
        return new GlueFunction(fn.name(), fn.prototype(), definition, b.bridgeDescriptor(), errorText, errorReturn,
                argLines, call, jniType, result, isVoid, b.internal() ? "JEMBED_HIDDEN" : "JEMBED_API", errorDecl,
                jniType + " (*)(" + String.join(", ", ffmTypes) + ")", String.join(", ", ffmArgs), fn.pos(),
                !named.isEmpty() && named.get(0).type().resolved() instanceof CType.Pointer
                        ? "(void *)" + named.get(0).name() : "NULL");
    }

    /**
     * The bit-field members of the structs that get a view ({@link org.jembed.core.model.ViewNames}: named, complete,
     * laid out by the probe), each with the C accessors the glue defines for it; Java renderers read the same list.
     */
    public static List<SymbolTable.BitField> bitFields(ApiModel model) {
        org.jembed.core.model.ViewNames views = org.jembed.core.model.ViewNames.of(model, "");
        Map<String, String> spelled = org.jembed.core.model.CSpellings.structs(model);
        List<SymbolTable.BitField> out = new ArrayList<>();
        for (StructDecl s : model.structs()) {
            if (!s.complete() || views.simpleName(s.key()).isEmpty() || model.abi().struct(s.key()).isEmpty()
                    || !spelled.containsKey(s.key())) {
                continue;
            }
            for (org.jembed.core.model.Field f : s.fields()) {
                if (f.bitWidth().isPresent() && !f.name().isEmpty() && Carrier.of(f.type().resolved(), model.abi()).isPresent()) {
                    int n = out.size();
                    out.add(new SymbolTable.BitField(spelled.get(s.key()), views.simpleName(s.key()).get(), f,
                            "jembed_bitfield_get_" + n, "jembed_bitfield_set_" + n));
                }
            }
        }
        return out;
    }

    /** A getter and a setter per bit-field: the compiler knows where its bits are. */
    private static List<String> bitFieldAccessors(List<SymbolTable.BitField> bitFields, ApiModel model) {
        List<String> out = new ArrayList<>();
        for (SymbolTable.BitField b : bitFields) {
            CType t = b.field().type();
            while (t instanceof CType.Qualified q) {
                t = q.inner();
            }
            String type = t.cName();
            String member = b.field().name();
            out.add("/* " + b.struct() + "." + member + " : " + b.field().bitWidth().getAsInt() + " (" + b.field().pos() + ") */\n"
                    + "JEMBED_HIDDEN " + type + " " + b.getter() + "(const void *p) {\n    return ((const " + b.struct()
                    + " *)p)->" + member + ";\n}\n"
                    + "JEMBED_HIDDEN void " + b.setter() + "(void *p, " + type + " value) {\n    ((" + b.struct()
                    + " *)p)->" + member + " = value;\n}");
        }
        return out;
    }

    /** The JNI C type of a descriptor character ({@code V} is {@code void}). */
    private static String jniType(char descriptor) {
        return Carrier.ofDescriptor(descriptor).map(Carrier::jniType).orElse("void");
    }

    /** The C expression passing parameter {@code name} as JNI type {@code jni}. */
    private static String argValue(String name, CType type, char jni) {
        CType t = type.resolved();
        boolean pointer = t instanceof CType.Pointer || t instanceof CType.Array;
        // an int * may be the caller's errno (glibc's NSS errnop): Java then gets a copy (jembed_runtime.h)
        boolean intPointer = t instanceof CType.Pointer ptr && ptr.pointee().resolved() instanceof CType.Prim pointee
                && (pointee.kind() == PrimKind.INT || pointee.kind() == PrimKind.UINT);
        String value = switch (jni) {
            case 'Z' -> name + " ? JNI_TRUE : JNI_FALSE";
            case 'J' -> intPointer ? "(jlong)(intptr_t)jembed_errno_arg(&jembed_e, (void *)" + name + ")"
                    : pointer ? "(jlong)(intptr_t)" + name : "(jlong)" + name;
            case 'B' -> "(jbyte)" + name;
            case 'C' -> "(jchar)" + name;
            case 'S' -> "(jshort)" + name;
            case 'I' -> "(jint)" + name;
            case 'F' -> "(jfloat)" + name;
            case 'D' -> "(jdouble)" + name;
            default -> throw new IllegalArgumentException("no JNI type " + jni);
        };
        return value;
    }

    private static List<LayoutAssert> layoutAsserts(ApiModel model) {
        List<LayoutAssert> out = new ArrayList<>();
        for (StructDecl s : model.structs()) {
            if (!s.complete() || (s.tag().isEmpty() && s.typedefName().isEmpty())) {
                continue;
            }
            if (model.abi().struct(s.key()).isEmpty()) {
                continue;
            }
            String type = s.typedefName().orElseGet(() -> s.ref().cName());
            Layout l = Layout.of(s, model);
            out.add(new LayoutAssert("sizeof(" + type + ") == " + l.size(), "sizeof(" + type + ") differs from jembed's layout"));
            for (Layout.Member m : Layout.members(s, model)) {
                if (!m.field().name().isEmpty()) {
                    out.add(new LayoutAssert("offsetof(" + type + ", " + m.field().name() + ") == " + m.offset(),
                            "offset of " + type + "." + m.field().name() + " differs from jembed's layout"));
                }
            }
        }
        return out;
    }

    /**
     * Replaces each {@code #line JEMBED_RESTORE} (after a definition that carries its header's {@code #line}) by the
     * glue's own next line, so that a compiler message points at the header line that caused it, and only there.
     */
    static String restoreLines(String c, String glueName) {
        String[] lines = c.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("#line JEMBED_RESTORE")) {
                lines[i] = "#line " + (i + 2) + " " + cString(glueName);
            }
        }
        return String.join("\n", lines);
    }

    /** A C string literal for {@code s}. */
    static String cString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\%03o", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }

    /** A path for the assembler's {@code .incbin "..."}, inside a C string literal inside {@code __asm__}. */
    private static String asmPath(Path p) {
        String abs = p.toAbsolutePath().toString();
        // The assembler string is itself inside a C string: escape for both levels.
        return abs.replace("\\", "\\\\\\\\").replace("\"", "\\\\\\\"");
    }
}
