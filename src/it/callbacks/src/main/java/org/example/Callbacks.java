package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.example.capi.binary_op_t;
import org.example.capi.notify_t;
import org.example.capi.unary_fn;
import org.jembed.runtime.Export;

public final class Callbacks {
    private static volatile MemorySegment op = MemorySegment.NULL;
    private static volatile MemorySegment opData = MemorySegment.NULL;
    private static volatile MemorySegment notifier = MemorySegment.NULL;
    private static volatile MemorySegment notifierData = MemorySegment.NULL;

    @Export
    public static int register_op(MemorySegment callback, MemorySegment userData) {
        if (callback.address() == 0) {
            return -1;
        }
        op = callback;
        opData = userData;
        return 0;
    }

    @Export
    public static int apply_stored(int a, int b) {
        return binary_op_t.invoke(op, a, b, opData);
    }

    @Export
    public static int apply_on_java_thread(int a, int b) throws InterruptedException {
        int[] result = new int[1];
        Thread t = new Thread(() -> result[0] = binary_op_t.invoke(op, a, b, opData), "jembed-callback-test");
        t.start();
        t.join();
        return result[0];
    }

    @Export
    public static double apply_unary(MemorySegment f, double x) {
        return unary_fn.invoke(f, x);
    }

    @Export
    public static void register_notify(MemorySegment cb, MemorySegment userData) {
        notifier = cb;
        notifierData = userData;
    }

    @Export
    public static void notify_all(String message) {
        try (Arena arena = Arena.ofConfined()) {
            notify_t.invoke(notifier, arena.allocateFrom("java says: " + message), notifierData);
        }
    }
}
