package org.example.jstr;

import static org.example.capi.lauxlib_h.luaL_typename;
import static org.example.capi.lua_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.example.capi.jstr_lua_h;
import org.jembed.runtime.Export;

/** The Lua module jstr, in Java: every call into Lua goes through the generated lua_h / lauxlib_h downcalls. */
public final class Jstr {
    private Jstr() {
    }

    /** {@code require "jstr"}: a table with the module's functions. */
    @Export
    public static int luaopen_jstr(MemorySegment L) {
        lua_createtable(L, 0, 3);
        register(L, "digit_sum", jstr_lua_h.jstr_digit_sum$address());
        register(L, "upper", jstr_lua_h.jstr_upper$address());
        register(L, "describe", jstr_lua_h.jstr_describe$address());
        return 1;
    }

    private static void register(MemorySegment L, String name, MemorySegment function) {
        try (Arena arena = Arena.ofConfined()) {
            lua_pushcfunction(L, function);           // a macro of lua.h
            lua_setfield(L, -2, arena.allocateFrom(name));
        }
    }

    /** digit_sum(s) */
    @Export
    public static int jstr_digit_sum(MemorySegment L) {
        long length = lua_rawlen(L, 1);
        MemorySegment s = lua_tolstring(L, 1, MemorySegment.NULL).reinterpret(length);
        long sum = 0;
        for (long i = 0; i < length; i++) {
            byte c = s.get(ValueLayout.JAVA_BYTE, i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        lua_pushinteger(L, sum);
        return 1;
    }

    /** upper(s): nil when s is neither a string nor a number */
    @Export
    public static int jstr_upper(MemorySegment L) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment s = lua_tolstring(L, 1, length);
            if (s.address() == 0) {
                lua_pushnil(L);
                return 1;
            }
            String text = s.reinterpret(length.get(ValueLayout.JAVA_LONG, 0) + 1).getString(0, StandardCharsets.UTF_8);
            lua_pushstring(L, arena.allocateFrom(text.toUpperCase(java.util.Locale.ROOT)));
        }
        return 1;
    }

    /** describe(x): { version = LUA_VERSION_NUM, kind = type name of x, top = stack size } */
    @Export
    public static int jstr_describe(MemorySegment L) {
        int kind = lua_type(L, 1);
        String name = luaL_typename(L, 1).reinterpret(64).getString(0);   // a macro of lauxlib.h
        int top = lua_gettop(L);
        lua_newtable(L);                              // a macro of lua.h
        lua_pushinteger(L, LUA_VERSION_NUM);          // a constant of lua.h
        try (Arena arena = Arena.ofConfined()) {
            lua_setfield(L, -2, arena.allocateFrom("version"));
            lua_pushstring(L, arena.allocateFrom(name + (kind == LUA_TSTRING ? " (a string)" : "")));
            lua_setfield(L, -2, arena.allocateFrom("kind"));
            lua_pushinteger(L, top);
            lua_setfield(L, -2, arena.allocateFrom("top"));
        }
        return 1;
    }
}
