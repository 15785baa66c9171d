package org.example;

import java.lang.foreign.MemorySegment;
import org.jembed.runtime.Export;

public final class Jstr {
    private Jstr() {
    }

    @Export
    public static int luaopen_jstr(MemorySegment L) {
        org.example.capi.lua_h.lua_settop(L, 0);
        return 0;
    }
}
