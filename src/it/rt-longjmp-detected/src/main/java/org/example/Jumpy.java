package org.example;

import org.example.capi.host_h;
import org.jembed.runtime.Export;

public final class Jumpy {
    private Jumpy() {
    }

    @Export
    public static int jumpy_call(int code) {
        if (code != 0) {
            host_h.host_fail(code);    // leaves by longjmp across this frame: what <protectedFunctions> exists for
        }
        return code + 1;
    }
}
