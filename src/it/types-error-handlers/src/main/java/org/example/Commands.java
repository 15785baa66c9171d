package org.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.example.capi.ctx_t;
import org.jembed.runtime.Errno;
import org.jembed.runtime.Export;

public final class Commands {
    @Export(onError = "ownFailed")
    public static int cmd_own(ctx_t ctx, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        return Replies.reply(ctx, "+OK " + n);
    }

    /** cmd_own's handler: the throwable and the call's arguments; replies with the error, returns -2. */
    public static int ownFailed(Throwable t, ctx_t ctx, int n) {
        Replies.reply(ctx, "-ERR own " + t.getMessage());
        return -2;
    }

    @Export
    public static int cmd_a(ctx_t ctx, int n) {
        if (n < 0) {
            throw new IllegalStateException("a: " + n);
        }
        return Replies.reply(ctx, "+A " + n);
    }

    @Export
    public static int cmd_b(ctx_t ctx, String key) {
        return Replies.reply(ctx, "+B " + key.length()); // NullPointerException for NULL
    }

    @Export
    public static double ratio(double a, double b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        return a / b;
    }

    @Export
    public static int write_through(MemorySegment p, int v) {
        p.reinterpret(4).set(ValueLayout.JAVA_INT, 0, v);
        return 0;
    }

    @Export(error = "-1")
    public static int set_errno(int v, int fail) {
        Errno.set(v);
        if (fail != 0) {
            throw new IllegalStateException("set errno " + v + ", then failed");
        }
        return 1;
    }

    @Export
    public static int plain(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i);
        }
        return sb.length() >= 0 ? n : -1;
    }
}
