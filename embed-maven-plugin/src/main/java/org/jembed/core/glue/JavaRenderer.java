package org.jembed.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.FfmLayout;
import org.jembed.core.model.Layout;
import org.jembed.core.model.Carrier;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;
import org.jembed.core.model.SymbolTable;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.TypedefDecl;
import java.util.Optional;

/**
 * Renders the Java side of the API: one struct view per named struct or union, and a constants class
 * ({@code <header>_h}) with the header's integer {@code #define}s and enumerators.
 */
public final class JavaRenderer {

    /**
     * A view member, as the template needs it.
     *
     * @param kind         how the member is accessed
     * @param name         the accessor name (the C member name; a Java keyword gets a trailing {@code _})
     * @param cDeclaration the member's C declaration, for Javadoc
     * @param javaType     the Java type of the value (or element)
     * @param layout       the {@code ValueLayout} constant, e.g. {@code ValueLayout.JAVA_INT}
     * @param offset       byte offset in the struct
     * @param length       element count, for arrays
     * @param elementSize  element size in bytes, for arrays
     * @param getter       for a bit-field, the symbol-table entry of the glue's getter ({@link SymbolTable.BitField})
     * @param setter       for a bit-field, the entry of its setter
     */
    public record ViewField(FieldKind kind, String name, String cDeclaration, String javaType, String layout,
                            long offset, long length, long elementSize, int getter, int setter) {
        /** A member read and written in place (every kind but {@link FieldKind#BITFIELD}). */
        public ViewField(FieldKind kind, String name, String cDeclaration, String javaType, String layout,
                         long offset, long length, long elementSize) {
            this(kind, name, cDeclaration, javaType, layout, offset, length, elementSize, -1, -1);
        }
    }

    /** How a view accesses a member (templates compare the names). */
    public enum FieldKind {
        /** A scalar: get and set a Java primitive. */
        VALUE,
        /** A pointer: get and set a {@code MemorySegment}. */
        POINTER,
        /** A nested struct or union: a view over its bytes. */
        STRUCT,
        /** An array of scalars or pointers: get and set element {@code i}. */
        ARRAY,
        /** An array of structs: a view of element {@code i}. */
        STRUCT_ARRAY,
        /** A flexible array member of scalars or pointers ({@code T name[]}, C11 6.7.2.1p18): element {@code i}, unbounded. */
        FLEX_ARRAY,
        /** A flexible array member of structs: a view of element {@code i}, unbounded. */
        FLEX_STRUCT_ARRAY,
        /** A bit-field: read and written by C accessors the glue defines, since only the compiler knows its bits. */
        BITFIELD
    }

    /** How a symbols class accesses a C variable (templates compare the names). */
    public enum GlobalKind {
        /** A scalar: get and set a Java primitive. */
        VALUE,
        /** A pointer: get and set a {@code MemorySegment}. */
        POINTER,
        /** A struct: a view over it. */
        STRUCT,
        /** An array or other memory: its segment. */
        MEMORY
    }

    /**
     * A constant, as the template needs it.
     *
     * @param name     the C name
     * @param javaType {@code int} or {@code long}
     * @param literal  the Java literal
     * @param pos      where the constant is declared
     */
    public record JavaConstant(String name, String javaType, String literal, SourcePos pos) {}

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "_", "segment", "address", "toString", "hashCode",
            "getClass", "equals", "notify", "notifyAll", "wait", "finalize", "clone");

    private final Templates templates;

    /** @param templates the template engine */
    public JavaRenderer(Templates templates) {
        this.templates = templates;
    }

    /**
     * Renders every source file: struct views, the constants-and-globals class {@code <header>_h}, one invoker class
     * per function-pointer typedef, and for an internal header its class {@code <internal>_h} (its globals and a
     * downcall per function).
     *
     * @param internal the internal header's model, if the project has one
     * @return relative path (e.g. {@code com/example/capi/point_t.java}) to source text
     */
    public Map<String, String> render(ApiModel model, Optional<ApiModel> internal, ViewNames views) {
        Map<String, String> out = new LinkedHashMap<>();
        List<SymbolTable.BitField> bitFields = GlueRenderer.bitFields(model);
        List<SymbolTable.Entry> symbols = SymbolTable.entries(model, internal, bitFields);
        HeaderClasses classes = HeaderClasses.of(model, internal, views);
        String dir = views.packageName().replace('.', '/');
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (StructDecl s : model.structs()) {
            if (!s.complete() || views.simpleName(s.key()).isEmpty() || model.abi().struct(s.key()).isEmpty()) {
                continue;
            }
            String cls = views.simpleName(s.key()).get();
            Layout layout = Layout.of(s, model);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("headerName", model.headerName());
            v.put("packageName", views.packageName());
            v.put("className", cls);
            v.put("cName", cSpelling(s));
            v.put("line", s.pos().line());
            v.put("size", layout.size());
            v.put("align", layout.align());
            v.put("fields", fields(s, model, views, symbolsOf(bitFields, symbols)));
            v.put("nested", nested(s, cls, model, views));
            v.put("ffmLayout", FfmLayout.of(s, model).expression().orElse(""));
            out.put(prefix + cls + ".java", templates.render("view.java.vm", v));
        }
        List<JavaConstant> constants = constants(model, model.headerName());
        List<JavaGlobal> globals = globals(symbols, false, model, views);
        if (!constants.isEmpty() || !globals.isEmpty()) {
            String cls = classes.of(model.headerName());
            out.put(prefix + cls + ".java", renderSymbols(model.headerName(), views.packageName(), cls, constants, globals, List.of(),
                    List.of(), variableFunctionPointers(symbols, false, cls, model, views)));
        }
        for (String file : classes.hostFiles()) {
            String cls = classes.of(file);
            List<Downcall> downcalls = new ArrayList<>();
            for (SymbolTable.Entry e : symbols) {
                if (e.host().isPresent() && e.host().get().pos().file().equals(file)) {
                    hostDowncall(e.host().get(), e.index(), views, model).ifPresent(downcalls::add);
                }
            }
            out.put(prefix + cls + ".java", renderSymbols(file, views.packageName(), cls, constants(model, file),
                    hostGlobals(symbols, file, model, views), downcalls, List.of(), List.of()));
        }
        if (internal.isPresent()) {
            ApiModel in = internal.get();
            String cls = classes.of(in.headerName());
            List<JavaGlobal> internalGlobals = globals(symbols, true, in, views);
            List<Downcall> downcalls = new ArrayList<>();
            List<FunctionAddress> addresses = new ArrayList<>();
            for (SymbolTable.Entry e : symbols) {
                if (e.function().isPresent()) {
                    FunctionDecl fn = e.function().get();
                    downcall(fn, e.index(), views, in).ifPresent(downcalls::add);
                    addresses.add(new FunctionAddress(KEYWORDS.contains(fn.name()) ? fn.name() + "_" : fn.name(),
                            fn.prototype(), e.index(), fn.pos()));
                }
            }
            out.put(prefix + cls + ".java", renderSymbols(in.headerName(), views.packageName(), cls, List.of(),
                    internalGlobals, downcalls, addresses, variableFunctionPointers(symbols, true, cls, in, views)));
        }
        java.util.Set<String> taken = new java.util.HashSet<>(out.keySet());
        for (TypedefDecl t : model.typedefs()) {
            CType target = t.target().resolved();
            if (target instanceof CType.Pointer p && p.pointee().resolved() instanceof CType.Function f) {
                target = f;
            }
            if (!(target instanceof CType.Function f) || f.variadic()) {
                continue;
            }
            String file = prefix + t.name() + ".java";
            Optional<Downcall> d = signature(t.name(), f, views, model);
            if (d.isEmpty() || !taken.add(file)) {
                continue;
            }
            String cDeclaration = "typedef " + docDeclaration(t.target(), t.name());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("headerName", model.headerName());
            v.put("packageName", views.packageName());
            v.put("className", t.name());
            v.put("line", t.pos().line());
            v.put("cDeclaration", cDeclaration);
            v.put("body", functionPointer(t.name(), t.name(), cDeclaration, d.get()));
            out.put(file, templates.render("invoker.java.vm", v));
        }
        return out;
    }

    /** The members of a function-pointer type's class: {@code Function}, {@code DESCRIPTOR}, {@code invoke}, {@code allocate}. */
    private String functionPointer(String className, String cName, String cDeclaration, Downcall d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("className", className);
        v.put("cName", cName);
        v.put("cDeclaration", cDeclaration);
        v.put("d", d);
        return templates.render("function-pointer.java.vm", v);
    }

    /**
     * One nested class per member of {@code s} that is a function pointer spelled without a typedef (as jextract nests
     * them): {@code LADSPA_Descriptor.run.allocate(fn, arena)}.
     */
    private List<String> nested(StructDecl s, String cls, ApiModel model, ViewNames views) {
        List<Map.Entry<String, CType>> members = new ArrayList<>();
        for (org.jembed.core.model.Field f : Layout.named(s, model)) {
            if (f.bitWidth().isEmpty()) {
                members.add(Map.entry(f.name(), f.type()));
            }
        }
        return nested(members, cls, model, views);
    }

    /**
     * One nested class per function-pointer variable spelled without a typedef ({@code extern int (*on_event)(int);}),
     * in the header's symbols class: {@code plugin_h.on_event.invoke(plugin_h.on_event(), 1)}.
     */
    private List<String> variableFunctionPointers(List<SymbolTable.Entry> symbols, boolean internal, String cls,
                                                  ApiModel model, ViewNames views) {
        List<Map.Entry<String, CType>> members = new ArrayList<>();
        for (SymbolTable.Entry e : symbols) {
            if (e.internal() == internal && e.global().isPresent()) {
                members.add(Map.entry(e.global().get().name(), e.global().get().type()));
            }
        }
        return nested(members, cls, model, views);
    }

    private List<String> nested(List<Map.Entry<String, CType>> members, String cls, ApiModel model, ViewNames views) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, CType> member : members) {
            String memberName = member.getKey();
            CType t = member.getValue();
            while (t instanceof CType.Qualified q) {
                t = q.inner();
            }
            if (!(t instanceof CType.Pointer p) || !(p.pointee().resolved() instanceof CType.Function fn) || fn.variadic()) {
                continue;
            }
            String name = KEYWORDS.contains(memberName) ? memberName + "_" : memberName;
            String cDeclaration = docDeclaration(member.getValue(), memberName);
            Optional<Downcall> d = signature(name, fn, views, model);
            if (d.isEmpty()) {
                continue;
            }
            String body = functionPointer(name, cls + "." + memberName, cDeclaration, d.get());
            StringBuilder text = new StringBuilder();
            text.append("    /** The function pointer {@code ").append(cDeclaration.replace("*/", "*&#47;"))
                    .append("}: call one ({@code invoke}) or make one from Java ({@code allocate}). */\n");
            text.append("    public static final class ").append(name).append(" {\n");
            body.lines().forEach(l -> text.append(l.isEmpty() ? "" : "    " + l).append('\n'));
            text.append("    }\n");
            out.add(text.toString());
        }
        return out;
    }

    private String renderSymbols(String headerName, String packageName, String cls, List<JavaConstant> constants,
                                 List<JavaGlobal> globals, List<Downcall> downcalls, List<FunctionAddress> addresses,
                                 List<String> nested) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("headerName", headerName);
        v.put("packageName", packageName);
        v.put("className", cls);
        v.put("constants", constants);
        v.put("globals", globals);
        v.put("downcalls", downcalls);
        v.put("addresses", addresses);
        v.put("nested", nested);
        return templates.render("constants.java.vm", v);
    }

    /**
     * The address of an internal function (implemented in user C or in Java with {@code @Export}), for Java to hand
     * to C as a function pointer ({@code internal_h.name$address()}).
     *
     * @param name         the Java name
     * @param cDeclaration the C declaration, for Javadoc
     * @param index        its entry in the symbol table
     * @param pos          where it is declared
     */
    public record FunctionAddress(String name, String cDeclaration, int index, SourcePos pos) {}

    /**
     * An accessor of a C variable.
     *
     * @param kind         how the variable is accessed
     * @param name         the accessor name
     * @param cDeclaration the C declaration, for Javadoc
     * @param javaType     the accessor's Java type
     * @param layout       the {@code ValueLayout} for VALUE and POINTER
     * @param index        its entry in the symbol table
     * @param size         its {@code sizeof}
     * @param readOnly     true for a {@code const} variable
     * @param pos          where it is declared
     */
    public record JavaGlobal(GlobalKind kind, String name, String cDeclaration, String javaType, String layout, int index,
                             long size, boolean readOnly, SourcePos pos) {}

    /**
     * A downcall: an FFM call of a C function, by a fixed address (internal functions) or by a function pointer
     * (invokers).
     *
     * @param name            the Java method name
     * @param cDeclaration    the C declaration, for Javadoc
     * @param javaReturn      the Java return type
     * @param parameters      the Java parameter list text, e.g. {@code int a0, MemorySegment a1}
     * @param arguments       the argument names, comma-separated
     * @param descriptor      the {@code FunctionDescriptor} expression
     * @param returnsVoid     true for a {@code void} function
     * @param index           the symbol-table entry (-1 for an invoker)
     * @param errorValue      what C gets when a Java implementation ({@code allocate}) throws, for Javadoc
     * @param handleArguments the arguments of {@code invokeExact} after the address and allocator (a struct view
     *                        passes its segment, {@code p.segment()})
     * @param structReturn    the view class of a struct returned by value (the handle then takes a
     *                        {@code SegmentAllocator}); empty otherwise
     * @param methodType      the {@code MethodType} of the Java {@code Function.apply}, views and all
     * @param via             how the downcall finds its target (templates compare the names): {@code ADDRESS}, the
     *                        symbol-table entry is the function; {@code VARIABLE}, the entry is a variable holding a
     *                        function pointer, read at each call; {@code VARIADIC}, the entry is a variadic
     *                        function, called through {@code org.jembed.runtime.Variadic} with the arguments' types
     *                        {@code VARIADIC_VARIABLE}, both; {@code PROTECTED}, the entry is the function's wrapper
     *                        in the host's guard, and a caught host error becomes a {@code HostException};
     *                        {@code RAISES}, the entry is the thunk the glue calls once Java has returned
     * @param pos             where the C function is declared, for Javadoc; empty for an invoker
     * @param slots           for {@code RAISES}, the arguments as 64-bit slots, comma-separated
     */
    public record Downcall(String name, String cDeclaration, String javaReturn, String parameters, String arguments,
                           String descriptor, boolean returnsVoid, int index, String errorValue, String handleArguments,
                           String structReturn, String methodType, String via, String pos, String slots) {
        /** A downcall by the function's own address (an internal function), or an invoker's shape. */
        public Downcall(String name, String cDeclaration, String javaReturn, String parameters, String arguments,
                        String descriptor, boolean returnsVoid, int index, String errorValue, String handleArguments,
                        String structReturn, String methodType) {
            this(name, cDeclaration, javaReturn, parameters, arguments, descriptor, returnsVoid, index, errorValue,
                    handleArguments, structReturn, methodType, "ADDRESS", "", "");
        }

        /** The argument names after a leading allocator, e.g. {@code allocator, a, b}. */
        public String allocatorArguments() {
            return arguments.isEmpty() ? "allocator" : "allocator, " + arguments;
        }
    }

    private static List<JavaGlobal> globals(List<SymbolTable.Entry> symbols, boolean internal, ApiModel model, ViewNames views) {
        List<JavaGlobal> out = new ArrayList<>();
        for (SymbolTable.Entry e : symbols) {
            if (e.internal() != internal || e.global().isEmpty()) {
                continue;
            }
            GlobalDecl g = e.global().get();
            String decl = docDeclaration(g.type(), g.name());
            String name = KEYWORDS.contains(g.name()) ? g.name() + "_" : g.name();
            CType t = g.type().resolved();
            long size = model.abi().globals().getOrDefault(g.name(), 0L);
            boolean readOnly = g.type().isConst();
            Optional<Carrier> carrier = Carrier.of(t, model.abi());
            if (carrier.isPresent()) {
                Carrier c = carrier.get();
                out.add(new JavaGlobal(GlobalKind.VALUE, name, decl, c.javaType(), c.ffmLayout(), e.index(), size, readOnly, g.pos()));
            } else if (t instanceof CType.Pointer) {
                out.add(new JavaGlobal(GlobalKind.POINTER, name, decl, "MemorySegment", "ValueLayout.ADDRESS", e.index(), size, readOnly, g.pos()));
            } else if (t instanceof CType.StructRef r && views.simpleName(r.key()).isPresent() && size > 0) {
                out.add(new JavaGlobal(GlobalKind.STRUCT, name, decl, views.simpleName(r.key()).get(), "", e.index(), size, readOnly, g.pos()));
            } else {
                out.add(new JavaGlobal(GlobalKind.MEMORY, name, decl, "MemorySegment", "", e.index(), size, readOnly, g.pos()));
            }
        }
        return out;
    }

    private static Optional<Downcall> downcall(FunctionDecl fn, int index, ViewNames views, ApiModel model) {
        return signature(fn.name(), new CType.Function(fn.returnType(), fn.params(), fn.variadic()), views, model)
                .map(d -> new Downcall(KEYWORDS.contains(fn.name()) ? fn.name() + "_" : fn.name(), fn.prototype(),
                        d.javaReturn(), d.parameters(), d.arguments(), d.descriptor(), d.returnsVoid(), index, d.errorValue(),
                        d.handleArguments(), d.structReturn(), d.methodType()));
    }

    /**
     * The downcall of a host function: by its address (an {@code extern} function, or the glue's wrapper of a macro or
     * {@code static} function), or through the variable that holds it; a variadic one takes its variable arguments
     * as {@code Object...}. Empty when a parameter or result has no FFM carrier.
     */
    private static Optional<Downcall> hostDowncall(HostFunction f, int index, ViewNames views, ApiModel model) {
        boolean variable = f.kind() == HostFunction.Kind.POINTER_VARIABLE;
        String via = switch (f.exit()) {
            case PROTECTED -> "PROTECTED";
            case RAISES -> "RAISES";
            case RETURNS -> f.type().variadic() ? (variable ? "VARIADIC_VARIABLE" : "VARIADIC") : variable ? "VARIABLE" : "ADDRESS";
        };
        if (f.type().variadic() && f.type().returnType().resolved() instanceof CType.StructRef) {
            return Optional.empty();
        }
        return signature(f.name(), f.type(), views, model).map(d -> new Downcall(KEYWORDS.contains(f.name())
                ? f.name() + "_" : f.name(), docDeclaration(f.type(), f.name()), d.javaReturn(), d.parameters(),
                d.arguments(), d.descriptor(), d.returnsVoid(), index, d.errorValue(), d.handleArguments(), d.structReturn(),
                d.methodType(), via, f.kind() == HostFunction.Kind.MACRO ? "the macro at " + f.pos() : f.pos().toString(),
                slots(d.parameters())));
    }

    /** Each parameter of a Java parameter list ({@code int a, MemorySegment L}) as a 64-bit slot expression. */
    private static String slots(String parameters) {
        if (parameters.isBlank()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String p : parameters.split(", ")) {
            String[] typeAndName = p.strip().split(" ");
            String type = typeAndName[0];
            String name = typeAndName[typeAndName.length - 1];
            out.add(switch (type) {
                case "MemorySegment" -> name + ".address()";
                case "boolean" -> "(" + name + " ? 1L : 0L)";
                case "float", "double" -> "Double.doubleToRawLongBits(" + name + ")";
                default -> "(long) " + name;
            });
        }
        return String.join(", ", out);
    }

    /** Accessors of the host variables one header declares. */
    private static List<JavaGlobal> hostGlobals(List<SymbolTable.Entry> symbols, String file, ApiModel model, ViewNames views) {
        List<SymbolTable.Entry> own = new ArrayList<>();
        for (SymbolTable.Entry e : symbols) {
            if (e.hostVariable().isPresent() && e.hostVariable().get().pos().file().equals(file)) {
                own.add(new SymbolTable.Entry(e.index(), e.name(), e.address(), e.hostVariable(), Optional.empty(), false,
                        Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        return globals(own, false, model, views);
    }

    /**
     * The downcall shape of a function type; empty when a parameter or result has no FFM carrier here (a union by
     * value, a struct FFM cannot describe, see {@link FfmLayout}). A struct by value is its view in Java and its
     * {@code LAYOUT} in the descriptor.
     */
    private static Optional<Downcall> signature(String name, CType.Function f, ViewNames views, ApiModel model) {
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<String> handleArgs = new ArrayList<>();
        List<String> layouts = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            CType t = f.params().get(i).type().resolved();
            Optional<String[]> c = carrier(t, model, views);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            String pn = f.params().get(i).name();
            String arg = pn.isEmpty() || KEYWORDS.contains(pn) || pn.equals("fn") || pn.equals("allocator") || pn.equals("varargs")
                    || pn.contains("$") ? "a" + i : pn;
            params.add(c.get()[0] + " " + arg);
            args.add(arg);
            handleArgs.add(c.get()[2].isEmpty() ? arg : arg + c.get()[2]);
            layouts.add(c.get()[1]);
            classes.add(c.get()[0] + ".class");
        }
        CType r = f.returnType().resolved();
        boolean isVoid = r instanceof CType.Void;
        String javaReturn = "void";
        String structReturn = "";
        String descriptor;
        if (isVoid) {
            descriptor = "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")";
        } else {
            Optional<String[]> c = carrier(r, model, views);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            javaReturn = c.get()[0];
            structReturn = c.get()[2].isEmpty() ? "" : javaReturn;
            List<String> all = new ArrayList<>();
            all.add(c.get()[1]);
            all.addAll(layouts);
            descriptor = "FunctionDescriptor.of(" + String.join(", ", all) + ")";
        }
        List<String> typeArgs = new ArrayList<>();
        typeArgs.add(javaReturn + ".class");
        typeArgs.addAll(classes);
        String errorValue = isVoid ? "nothing (the function returns {@code void})"
                : !structReturn.isEmpty() ? "a zeroed {@code " + structReturn + "}"
                : javaReturn.equals("MemorySegment") ? "{@code NULL}" : javaReturn.equals("boolean") ? "{@code false}" : "{@code 0}";
        return Optional.of(new Downcall(name, "", javaReturn, String.join(", ", params), String.join(", ", args),
                descriptor, isVoid, -1, errorValue, String.join(", ", handleArgs), structReturn,
                "java.lang.invoke.MethodType.methodType(" + String.join(", ", typeArgs) + ")"));
    }

    /**
     * The Java type, FFM layout and handle-argument suffix that carry a C value in a downcall: a struct by value is
     * its view ({@code point_t}, {@code point_t.LAYOUT}, {@code .segment()}); empty for a union by value or a struct
     * FFM cannot describe.
     */
    private static Optional<String[]> carrier(CType t, ApiModel model, ViewNames views) {
        if (t instanceof CType.Pointer || t instanceof CType.Array) {
            return Optional.of(new String[] {"MemorySegment", "ValueLayout.ADDRESS", ""});
        }
        if (t instanceof CType.StructRef r) {
            Optional<StructDecl> s = model.struct(r.key());
            Optional<String> view = views.simpleName(r.key());
            if (s.isEmpty() || view.isEmpty() || FfmLayout.of(s.get(), model).expression().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new String[] {view.get(), view.get() + ".LAYOUT", ".segment()"});
        }
        return Carrier.of(t, model.abi()).map(c -> new String[] {c.javaType(), c.ffmLayout(), ""});
    }

    /**
     * The {@code ValueLayout} to access a member with: the {@code _UNALIGNED} variant when the compiler placed it off
     * its natural alignment ({@code packed}, {@code #pragma pack}), since FFM checks alignment.
     */
    private static String access(String layout, long bytes, long offset, long structAlign) {
        boolean aligned = bytes <= 1 || structAlign >= bytes && offset % bytes == 0;
        return aligned ? layout : layout + "_UNALIGNED";
    }

    /** {@code plugin.h} becomes {@code plugin_h} (jextract's convention). */
    public static String constantsClass(String headerName) {
        String base = headerName.substring(headerName.lastIndexOf('/') + 1);
        return base.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String cSpelling(StructDecl s) {
        if (s.typedefName().isPresent()) {
            return s.typedefName().get();
        }
        return s.tag().isEmpty() ? "anonymous " + (s.union() ? "union" : "struct") : (s.union() ? "union " : "struct ") + s.tag();
    }

    /** The symbol-table indexes of the bit-field accessors: getter and setter, by field, in {@code bitFields}' order. */
    private static Map<org.jembed.core.model.Field, int[]> symbolsOf(List<SymbolTable.BitField> bitFields,
                                                                     List<SymbolTable.Entry> symbols) {
        Map<org.jembed.core.model.Field, int[]> out = new java.util.IdentityHashMap<>();
        for (SymbolTable.BitField b : bitFields) {
            int getter = -1;
            int setter = -1;
            for (SymbolTable.Entry e : symbols) {
                if (e.name().equals(b.getter())) {
                    getter = e.index();
                } else if (e.name().equals(b.setter())) {
                    setter = e.index();
                }
            }
            out.put(b.field(), new int[] {getter, setter});
        }
        return out;
    }

    /**
     * The accessors of a view: every member the compiler placed and jembed can carry. A member of a type jembed does
     * not carry ({@code __int128}, {@code long double}, a struct without a view) gets none; the others are unaffected.
     */
    private static List<ViewField> fields(StructDecl s, ApiModel model, ViewNames views,
                                          Map<org.jembed.core.model.Field, int[]> bitFieldSymbols) {
        List<ViewField> out = new ArrayList<>();
        long align = Layout.of(s, model).align();
        for (org.jembed.core.model.Field f : s.fields()) {
            int[] accessors = bitFieldSymbols.get(f);
            if (accessors == null || f.name().isEmpty()) {
                continue;
            }
            Optional<Carrier> c = Carrier.of(f.type().resolved(), model.abi());
            if (c.isEmpty()) {
                continue;
            }
            String accessor = KEYWORDS.contains(f.name()) ? f.name() + "_" : f.name();
            out.add(new ViewField(FieldKind.BITFIELD, accessor, docDeclaration(f.type(), f.name())
                    + " : " + f.bitWidth().getAsInt(), c.get().javaType(), c.get().ffmLayout(), 0, 0, 0,
                    accessors[0], accessors[1]));
        }
        for (Layout.Member m : Layout.members(s, model)) {
            String name = m.field().name();
            if (name.isEmpty()) {
                continue;
            }
            String accessor = KEYWORDS.contains(name) ? name + "_" : name;
            String decl = docDeclaration(m.field().type(), name);
            CType t = m.field().type().resolved();
            if (t instanceof CType.Array a) {
                CType element = a.element().resolved();
                while (element instanceof CType.Array inner) {
                    element = inner.element().resolved();
                }
                Layout elementLayout;
                try {
                    elementLayout = Layout.of(element, model);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                long elementSize = elementLayout.size();
                boolean flexible = a.length().isEmpty() && m.layout().size() == 0;
                long length = elementSize == 0 ? 0 : m.layout().size() / elementSize;
                if (element instanceof CType.StructRef r) {
                    Optional<String> view = views.simpleName(r.key());
                    if (view.isEmpty() || elementSize == 0) {
                        continue;
                    }
                    out.add(new ViewField(flexible ? FieldKind.FLEX_STRUCT_ARRAY : FieldKind.STRUCT_ARRAY, accessor, decl,
                            view.get(), "", m.offset(), length, elementSize));
                } else if (element instanceof CType.Pointer) {
                    out.add(new ViewField(flexible ? FieldKind.FLEX_ARRAY : FieldKind.ARRAY, accessor, decl, "MemorySegment",
                            "ValueLayout.ADDRESS", m.offset(), length, elementSize));
                } else {
                    Optional<Carrier> c = Carrier.of(element, model.abi());
                    if (c.isEmpty()) {
                        continue;
                    }
                    out.add(new ViewField(flexible ? FieldKind.FLEX_ARRAY : FieldKind.ARRAY, accessor, decl, c.get().javaType(),
                            access(c.get().ffmLayout(), c.get().bytes(), m.offset(), align), m.offset(), length, elementSize));
                }
            } else if (t instanceof CType.Pointer) {
                out.add(new ViewField(FieldKind.POINTER, accessor, decl, "MemorySegment",
                        access("ValueLayout.ADDRESS", m.layout().size(), m.offset(), align), m.offset(), 0, m.layout().size()));
            } else if (t instanceof CType.StructRef r) {
                Optional<String> view = views.simpleName(r.key());
                if (view.isPresent() && model.abi().struct(r.key()).isPresent()) {
                    out.add(new ViewField(FieldKind.STRUCT, accessor, decl, view.get(), "", m.offset(), 0, m.layout().size()));
                }
            } else {
                Optional<Carrier> c = Carrier.of(t, model.abi());
                if (c.isPresent() && c.get().bytes() == m.layout().size()) {
                    out.add(new ViewField(FieldKind.VALUE, accessor, decl, c.get().javaType(),
                            access(c.get().ffmLayout(), c.get().bytes(), m.offset(), align), m.offset(), 0, m.layout().size()));
                }
            }
        }
        return out;
    }

    /**
     * A member's or variable's C declaration for Javadoc: as {@link CType#declare} prints it, or with
     * {@code <anonymous struct>} where a member's type has no C spelling.
     */
    static String docDeclaration(CType type, String name) {
        try {
            return type.declare(name).strip().replace("*/", "*&#47;");
        } catch (IllegalStateException e) {
            CType t = type.resolved();
            return "<anonymous " + (t instanceof CType.StructRef r && r.union() ? "union" : t instanceof CType.EnumRef ? "enum"
                    : "struct") + "> " + name;
        }
    }

    /** The constants of one header: its {@code #define}s the model holds, and the enumerators of its enums. */
    private static List<JavaConstant> constants(ApiModel model, String file) {
        List<JavaConstant> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (ConstantDecl c : model.constants()) {
            if (c.pos().file().equals(file) && names.add(c.name())) {
                out.add(constant(c.name(), c.value(), c.pos()));
            }
        }
        for (EnumDecl e : model.enums()) {
            if (!e.pos().file().equals(file)) {
                continue;
            }
            for (EnumDecl.Enumerator en : e.values()) {
                if (names.add(en.name())) {
                    out.add(constant(en.name(), new ConstantDecl.IntValue(en.value(), en.size(), true), en.pos()));
                }
            }
        }
        return out;
    }

    private static JavaConstant constant(String name, ConstantDecl.Value value, SourcePos pos) {
        String javaName = KEYWORDS.contains(name) ? name + "_" : name;
        if (value instanceof ConstantDecl.StringValue sv) {
            return new JavaConstant(javaName, "String", javaString(sv.text()), pos);
        }
        if (value instanceof ConstantDecl.FloatValue fv) {
            double d = fv.value();
            String literal = Double.isNaN(d) ? "Double.NaN" : Double.isInfinite(d)
                    ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY") : Double.toString(d);
            return new JavaConstant(javaName, "double", literal, pos);
        }
        ConstantDecl.IntValue iv = (ConstantDecl.IntValue) value;
        if (iv.size() <= 4) {
            int v = (int) iv.bits();
            return new JavaConstant(javaName, "int", v == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : Integer.toString(v), pos);
        }
        long v = iv.bits();
        return new JavaConstant(javaName, "long", v == Long.MIN_VALUE ? "Long.MIN_VALUE" : v + "L", pos);
    }

    /** A Java string literal for {@code s}. */
    static String javaString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

}
