package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class Threads {
    private static final AtomicInteger INITS = new AtomicInteger();
    private static final ThreadLocal<int[]> COUNTER = ThreadLocal.withInitial(() -> new int[1]);
    private static final CyclicBarrier BARRIER = new CyclicBarrier(2);
    private static volatile int reentrant = -1;

    @Init
    public static void init() throws Throwable {
        INITS.incrementAndGet();
        // Init code calls user C, which calls add() of this same library, on this (the initializing) thread.
        MethodHandle reenterAdd = Linker.nativeLinker().downcallHandle(
                SymbolLookup.libraryLookup("librt_threads.so", Arena.global()).find("reenter_add").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        reentrant = (int) reenterAdd.invokeExact(2, 3);
        // Keep the start slow enough that the first calls of many threads really overlap with it.
        Thread.sleep(100);
    }

    @Export
    public static int add(int a, int b) {
        return a + b;
    }

    @Export
    public static int init_count() {
        return INITS.get();
    }

    @Export
    public static int reentrant_result() {
        return reentrant;
    }

    @Export
    public static int tl_next() {
        return ++COUNTER.get()[0];
    }

    @Export
    public static int live_java_threads() {
        return Thread.getAllStackTraces().size();
    }

    @Export
    public static int rendezvous(int timeoutMs) {
        try {
            BARRIER.await(timeoutMs, TimeUnit.MILLISECONDS);
            return 1;
        } catch (Exception e) {
            BARRIER.reset();
            return 0;
        }
    }

    @Export
    public static int env_option_seen() {
        return "hello".equals(System.getProperty("rt.threads.env")) ? 1 : 0;
    }
}
