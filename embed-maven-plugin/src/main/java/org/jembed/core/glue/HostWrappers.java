package org.jembed.core.glue;

import java.util.ArrayList;
import java.util.List;

import org.jembed.core.host.HostSelection;
import org.jembed.core.model.CType;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.Param;
import org.jembed.core.model.SymbolTable;

/**
 * The C functions of the host file ({@code <name>_host.c}) through which Java reaches host functions that it cannot
 * call by their own address: a wrapper of a {@code static} function or a function-like macro; a protected wrapper that
 * runs a function that may jump inside the host's guard (PostgreSQL's {@code PG_TRY}, or Lua's {@code lua_pcall} on
 * a copy of the caller's stack); and the thunk through which the glue calls a function that does not return, once
 * Java has returned ({@code jembed_nonlocal.h}). Each quotes what it wraps.
 */
final class HostWrappers {
    private HostWrappers() {
    }

    /**
     * The wrappers the entries need.
     *
     * @param lua whether the host's guard is Lua's ({@code lua_pcall}) rather than a {@code setjmp}-style one
     */
    static List<String> of(List<SymbolTable.Entry> entries, boolean lua) {
        List<String> out = new ArrayList<>();
        for (SymbolTable.Entry e : entries) {
            if (e.host().isEmpty()) {
                continue;
            }
            HostFunction f = e.host().get();
            switch (f.exit()) {
                case RETURNS -> {
                    if (f.kind() == HostFunction.Kind.STATIC || f.kind() == HostFunction.Kind.MACRO) {
                        out.add(plain(f));
                    }
                }
                case PROTECTED -> out.add(lua ? luaProtected(f) : guarded(f));
                case RAISES -> out.add(thunk(f));
            }
        }
        return out;
    }

    /** The call of {@code f} in C: a static function's name in parentheses, past a function-like macro of its name. */
    private static String call(HostFunction f, List<String> args) {
        String name = f.kind() == HostFunction.Kind.STATIC ? "(" + f.name() + ")" : f.name();
        return name + "(" + String.join(", ", args) + ")";
    }

    private static List<Param> named(HostFunction f) {
        List<Param> named = new ArrayList<>();
        for (int i = 0; i < f.type().params().size(); i++) {
            Param p = f.type().params().get(i);
            named.add(new Param("jembed_a" + i, p.type(), p.pos()));
        }
        return named;
    }

    private static List<String> args(HostFunction f) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.type().params().size(); i++) {
            args.add("jembed_a" + i);
        }
        return args;
    }

    private static boolean returnsVoid(HostFunction f) {
        return f.type().returnType().resolved() instanceof CType.Void;
    }

    private static String comment(HostFunction f, String what) {
        return "/* " + what + " " + f.name() + " (" + f.pos() + "), for Java */\n";
    }

    private static String plain(HostFunction f) {
        String definition = new CType.Function(f.type().returnType(), named(f), false).declare(SymbolTable.wrapperName(f.name()));
        String call = call(f, args(f));
        return comment(f, f.kind() == HostFunction.Kind.MACRO ? "the macro" : "the static function")
                + "JEMBED_HIDDEN " + definition + " {\n    " + (returnsVoid(f) ? call + ";" : "return " + call + ";") + "\n}";
    }

    /** A setjmp-style guard: the call in JEMBED_GUARD_TRY, a caught error kept by jembed_nonlocal_save. */
    private static String guarded(HostFunction f) {
        String definition = new CType.Function(f.type().returnType(), named(f), false)
                .declare(SymbolTable.protectedName(f.name()));
        StringBuilder b = new StringBuilder(comment(f, "in the host's guard:"));
        b.append("JEMBED_HIDDEN ").append(definition).append(" {\n    jembed_nonlocal_discard_kept();\n");
        String call = call(f, args(f));
        if (returnsVoid(f)) {
            b.append("    JEMBED_GUARD_TRY\n        ").append(call).append(";\n");
        } else {
            // assigned inside the guard's setjmp and read after: volatile (C11 7.13.2.1p3)
            b.append("    ").append(new CType.Qualified(f.type().returnType(), java.util.Set.of(CType.Qualifier.VOLATILE))
                    .declare("jembed_r").strip()).append(" = {0};\n");
            b.append("    JEMBED_GUARD_TRY\n        jembed_r = ").append(call).append(";\n");
        }
        b.append("    JEMBED_GUARD_CATCH(jembed_nonlocal_save)\n");
        if (!returnsVoid(f)) {
            b.append("    return jembed_r;\n");
        }
        return b.append("}").toString();
    }

    /**
     * Lua's guard: the call as a C closure under {@code lua_pcall}, on a copy of the calling function's stack (the
     * same indexes, so {@code luaL_checkinteger(L, 2)} checks the same argument), its arguments and result in a
     * struct the closure reaches through its upvalue; a caught error object is kept in the registry.
     */
    private static String luaProtected(HostFunction f) {
        String n = f.name();
        List<Param> params = named(f);
        int state = -1;
        for (int i = 0; i < params.size(); i++) {
            if (HostSelection.isLuaState(params.get(i).type())) {
                state = i;
                break;
            }
        }
        StringBuilder b = new StringBuilder(comment(f, "under lua_pcall:"));
        b.append("struct jembed_pcall_").append(n).append(" {\n");
        for (Param p : params) {
            b.append("    ").append(p.type().declare(p.name()).strip()).append(";\n");
        }
        if (!returnsVoid(f)) {
            b.append("    ").append(f.type().returnType().declare("jembed_r").strip()).append(";\n");
        }
        if (params.isEmpty() && returnsVoid(f)) {
            b.append("    int jembed_unused;\n");
        }
        b.append("};\n");
        b.append("static int jembed_pcall_body_").append(n).append("(lua_State *jembed_L) {\n");
        b.append("    struct jembed_pcall_").append(n).append(" *jembed_c = (struct jembed_pcall_").append(n)
                .append(" *)lua_touserdata(jembed_L, lua_upvalueindex(1));\n");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            args.add(i == state ? "jembed_L" : "jembed_c->" + params.get(i).name());
        }
        b.append("    ").append(returnsVoid(f) ? "" : "jembed_c->jembed_r = ").append(call(f, args)).append(";\n");
        b.append("    return 0;\n}\n");
        String L = params.get(state).name();
        String definition = new CType.Function(f.type().returnType(), params, false).declare(SymbolTable.protectedName(n));
        b.append("JEMBED_HIDDEN ").append(definition).append(" {\n");
        b.append("    jembed_nonlocal_discard_kept();\n");
        b.append("    struct jembed_pcall_").append(n).append(" jembed_c = {0};\n");
        for (Param p : params) {
            b.append("    jembed_c.").append(p.name()).append(" = ").append(p.name()).append(";\n");
        }
        b.append("    int jembed_top = lua_gettop(").append(L).append(");\n");
        b.append("    lua_pushlightuserdata(").append(L).append(", &jembed_c);\n");
        b.append("    lua_pushcclosure(").append(L).append(", jembed_pcall_body_").append(n).append(", 1);\n");
        b.append("    for (int jembed_i = 1; jembed_i <= jembed_top; jembed_i++) {\n");
        b.append("        lua_pushvalue(").append(L).append(", jembed_i);\n    }\n");
        b.append("    if (lua_pcall(").append(L).append(", jembed_top, 0, 0) != LUA_OK) {\n");
        b.append("        const char *jembed_m = lua_tostring(").append(L).append(", -1);\n");
        b.append("        jembed_nonlocal_save(").append(L).append(", (void *)(intptr_t)luaL_ref(").append(L)
                .append(", LUA_REGISTRYINDEX), jembed_m != NULL ? jembed_m : \"(a Lua error object that is no string)\");\n");
        b.append("    }\n");
        if (!returnsVoid(f)) {
            b.append("    return jembed_c.jembed_r;\n");
        }
        return b.append("}").toString();
    }

    /** The glue's call of a function that does not return, from the slots Java recorded. */
    private static String thunk(HostFunction f) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.type().params().size(); i++) {
            CType t = f.type().params().get(i).type();
            CType r = t.resolved();
            String slot = "jembed_s[" + i + "]";
            String spelled = t.cName();
            if (r instanceof CType.Pointer || r instanceof CType.Array) {
                args.add("(" + spelled + ")(intptr_t)" + slot);
            } else if (r instanceof CType.Prim p && (p.kind() == org.jembed.core.model.PrimKind.FLOAT
                    || p.kind() == org.jembed.core.model.PrimKind.DOUBLE)) {
                args.add("(" + spelled + ")jembed_nonlocal_double(" + slot + ")");
            } else {
                args.add("(" + spelled + ")" + slot);
            }
        }
        return comment(f, "after Java has returned, the glue calls") + "JEMBED_HIDDEN void "
                + SymbolTable.raiseName(f.name()) + "(const int64_t *jembed_s) {\n    (void)jembed_s;\n    "
                + call(f, args) + ";\n}";
    }
}
