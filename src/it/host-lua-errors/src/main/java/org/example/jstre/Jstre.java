package org.example.jstre;

import static org.example.capi.lauxlib_h.luaL_checkinteger;
import static org.example.capi.lua_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.example.capi.jstre_lua_h;
import org.jembed.runtime.Export;
import org.jembed.runtime.HostError;
import org.jembed.runtime.HostException;

/** Lua errors raised from Java and Lua errors of the host functions Java calls: none crosses a Java frame. */
public final class Jstre {
    private Jstre() {
    }

    @Export
    public static int luaopen_jstre(MemorySegment L) {
        lua_createtable(L, 0, 4);
        register(L, "fail", jstre_lua_h.jstre_fail$address());
        register(L, "throw_table", jstre_lua_h.jstre_throw_table$address());
        register(L, "twice", jstre_lua_h.jstre_twice$address());
        register(L, "twice_or_zero", jstre_lua_h.jstre_twice_or_zero$address());
        return 1;
    }

    private static void register(MemorySegment L, String name, MemorySegment function) {
        try (Arena arena = Arena.ofConfined()) {
            lua_pushcfunction(L, function);
            lua_setfield(L, -2, arena.allocateFrom(name));
        }
    }

    /** A Lua error with a message: luaL_error once this method has returned. */
    @Export
    public static int jstre_fail(MemorySegment L) {
        long i = lua_tointegerx(L, 1, MemorySegment.NULL);
        throw HostError.raise("failure " + i);
    }

    /** A Lua error object: lua_error is one of the pom's <raisingFunctions>, called by the glue after Java returns. */
    @Export
    public static int jstre_throw_table(MemorySegment L) {
        long code = lua_tointegerx(L, 1, MemorySegment.NULL);
        lua_createtable(L, 0, 1);
        lua_pushinteger(L, code);
        try (Arena arena = Arena.ofConfined()) {
            lua_setfield(L, -2, arena.allocateFrom("code"));
        }
        return lua_error(L);
    }

    /** luaL_checkinteger, which raises on a wrong argument: a protected call; its error leaves Java and is re-raised. */
    @Export
    public static int jstre_twice(MemorySegment L) {
        lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
        return 1;
    }

    /** The same error, handled in Java. */
    @Export
    public static int jstre_twice_or_zero(MemorySegment L) {
        long n;
        try {
            n = luaL_checkinteger(L, 1);
        } catch (HostException e) {
            if (!e.getMessage().contains("number expected")) {
                throw new IllegalStateException("Lua's message: " + e.getMessage());
            }
            n = 0;
        }
        lua_pushinteger(L, 2 * n);
        return 1;
    }
}
