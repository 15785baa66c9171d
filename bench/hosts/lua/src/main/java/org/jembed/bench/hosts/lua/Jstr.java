package org.jembed.bench.hosts.lua;

import static org.jembed.bench.hosts.lua.capi.lua_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jembed.bench.hosts.lua.capi.jstr_java_lua_h;
import org.jembed.runtime.Export;

/** The Lua module jstr_java: digit_sum(s), as ../../c/jstr_c.c does it in C (lua_tolstring, lua_pushinteger). */
public final class Jstr {
    private Jstr() {
    }

    @Export
    public static int luaopen_jstr_java(MemorySegment L) {
        lua_createtable(L, 0, 1);
        lua_pushcfunction(L, jstr_java_lua_h.jstr_java_digit_sum$address());
        try (Arena arena = Arena.ofConfined()) {
            lua_setfield(L, -2, arena.allocateFrom("digit_sum"));
        }
        return 1;
    }

    @Export
    public static int jstr_java_digit_sum(MemorySegment L) {
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
}
