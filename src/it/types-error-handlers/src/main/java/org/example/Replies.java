package org.example;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.example.capi.ctx_t;

/**
 * The library's default onError handlers (<errorHandler>): for each function without a handler of its own, the method
 * of its signature (the throwable and the call's arguments, else the throwable alone), whatever its name.
 */
public final class Replies {
    private static final long REPLY = ctx_t.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("reply"));

    /** For int32_t f(ctx_t *, int32_t): replies with the error, returns -1. */
    public static int failed(Throwable t, ctx_t ctx, int n) {
        reply(ctx, "-ERR " + t.getClass().getSimpleName() + " " + t.getMessage());
        return -1;
    }

    /** For int32_t f(ctx_t *, const char *): replies with the error, returns -1. */
    public static int failed(Throwable t, ctx_t ctx, String key) {
        reply(ctx, "-ERR " + t.getClass().getSimpleName() + (key == null ? " (no key)" : " " + key));
        return -1;
    }

    /** For every other int32_t function: -1, as an error value would be. */
    public static int minusOne(Throwable t) {
        return -1;
    }

    /** For every double function: NaN. */
    public static double notANumber(Throwable t) {
        return Double.NaN;
    }

    static int reply(ctx_t ctx, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 95);
        MemorySegment r = ctx.segment().asSlice(REPLY, 96);
        MemorySegment.copy(b, 0, r, ValueLayout.JAVA_BYTE, 0, n);
        r.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
        ctx.replies(ctx.replies() + 1);
        return 0;
    }
}
