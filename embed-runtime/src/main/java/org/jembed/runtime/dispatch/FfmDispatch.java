package org.jembed.runtime.dispatch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * FFM dispatch of one jembed library: builds an FFM upcall stub ({@link Linker#upcallStub}) for every binding and
 * publishes the stubs' addresses into the glue's dispatch table, a C array {@code void *fast[n]} (one entry per
 * binding, in bridge order). The glue calls through a non-NULL entry directly (~20 ns) instead of JNI
 * {@code CallStatic<T>MethodA} (~80 ns); a NULL entry means "use JNI".
 *
 * <p>The stubs' targets are the bridge's {@code m$ffm} wrappers (see the plugin's {@code BridgeGenerator}): the
 * bridge method's parameters plus the address of the caller's {@code int failed}. A wrapper never throws (an upcall
 * that throws ends the process): it calls {@link #threw(Throwable, long)}, which sets {@code failed} to 1 and keeps
 * the throwable for this thread; the glue then takes it ({@link #take()}) and reports it through the same JNI
 * path as a JNI call that threw, so both dispatches print the same lines.
 *
 * <p>Each library has its own copy of this class (its own class loader), so the static state below is per library.
 * Stubs live in {@link Arena#global()}: a thread may still be inside one after {@link #stop()}.
 */
public final class FfmDispatch {
    /** Guards {@link #stopped} against a publication racing with the library's shutdown. */
    private static final Object LOCK = new Object();
    private static boolean stopped;
    private static final ThreadLocal<Throwable> THROWN = new ThreadLocal<>();

    private FfmDispatch() {
    }

    /**
     * Builds the stubs and publishes them, now or on a new daemon thread named {@code jembed-<lib>-dispatch}.
     * Called once by the glue (bridge {@code $dispatchStart}) after the init code ran.
     *
     * @param bridge     the library's bridge class
     * @param wrappers   the {@code m$ffm} method names, in the order of the glue's table
     * @param table      the address of the glue's {@code void *[wrappers.length]} table
     * @param background build on a daemon thread and return at once; otherwise build and publish before returning
     * @param trace      print one line on stderr when the stubs are published (the C side's {@code JEMBED_TRACE},
     *                   already subject to secure mode: this class reads no environment variable)
     * @throws Throwable when {@code background} is false and a stub cannot be built (the table is left untouched)
     */
    public static void start(Class<?> bridge, String[] wrappers, long table, boolean background, boolean trace)
            throws Throwable {
        Publisher p = new Publisher(bridge, wrappers, table, trace);
        if (background) {
            // String.concat, not +: javac's + is an invokedynamic whose bootstrap costs ~20 ms on this thread
            Thread t = new Thread(p, "jembed-".concat(libraryName(bridge)).concat("-dispatch"));
            t.setDaemon(true);
            t.start();
        } else {
            p.publish();
        }
    }

    /** Called under the library's lock at shutdown, before the glue clears the table: nothing is published later. */
    public static void stop() {
        synchronized (LOCK) {
            stopped = true;
        }
    }

    /**
     * Called by a wrapper whose bridge method threw: keeps {@code t} for this thread and sets the caller's flag.
     *
     * @param t      what the bridge method threw
     * @param failed the address of the glue's {@code int failed}
     */
    public static void threw(Throwable t, long failed) {
        THROWN.set(t);
        MemorySegment.ofAddress(failed).reinterpret(Integer.BYTES).set(ValueLayout.JAVA_INT, 0, 1);
    }

    /**
     * Returns and forgets the throwable {@link #threw} kept for this thread.
     *
     * @return it, or {@code null} when none is kept
     */
    public static Throwable take() {
        Throwable t = THROWN.get();
        THROWN.remove();
        return t;
    }

    private static String libraryName(Class<?> bridge) {
        String name = bridge.getClassLoader().getName();
        return name != null && name.startsWith("jembed:") ? name.substring(7) : String.valueOf(name);
    }

    /** The FFM layout of a bridge parameter or result: a Java primitive. */
    private static MemoryLayout layout(Class<?> type) {
        if (type == int.class) return ValueLayout.JAVA_INT;
        if (type == long.class) return ValueLayout.JAVA_LONG;
        if (type == double.class) return ValueLayout.JAVA_DOUBLE;
        if (type == float.class) return ValueLayout.JAVA_FLOAT;
        if (type == boolean.class) return ValueLayout.JAVA_BOOLEAN;
        if (type == byte.class) return ValueLayout.JAVA_BYTE;
        if (type == short.class) return ValueLayout.JAVA_SHORT;
        if (type == char.class) return ValueLayout.JAVA_CHAR;
        throw new IllegalArgumentException("no FFM layout for bridge type " + type);
    }

    private static FunctionDescriptor descriptor(MethodType type) {
        MemoryLayout[] args = new MemoryLayout[type.parameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = layout(type.parameterType(i));
        }
        return type.returnType() == void.class ? FunctionDescriptor.ofVoid(args)
                : FunctionDescriptor.of(layout(type.returnType()), args);
    }

    /**
     * Builds every stub, then publishes them all under {@link #LOCK}. Nothing of FFM is touched before
     * {@link #publish()}: loading {@code FfmDispatch} and starting the thread stay cheap on the starting thread.
     */
    private static final class Publisher implements Runnable {
        private final Class<?> bridge;
        private final String[] wrappers;
        private final long table;
        private final boolean trace;

        Publisher(Class<?> bridge, String[] wrappers, long table, boolean trace) {
            this.bridge = bridge;
            this.wrappers = wrappers;
            this.table = table;
            this.trace = trace;
        }

        @Override
        public void run() {
            try {
                publish();
            } catch (Throwable t) {
                System.err.println("jembed: " + libraryName(bridge) + ": FFM dispatch unavailable, calls stay on JNI: " + t);
            }
        }

        void publish() throws Throwable {
            long start = System.nanoTime();
            Linker linker = Linker.nativeLinker();
            Class<?> cls = bridge;
            MethodHandles.Lookup lookup = MethodHandles.lookup(); // same loader and module as the bridge
            long[] stubs = new long[wrappers.length];
            for (int i = 0; i < wrappers.length; i++) {
                MethodHandle target = null;
                for (java.lang.reflect.Method m : cls.getDeclaredMethods()) {
                    if (m.getName().equals(wrappers[i])) {
                        target = lookup.unreflect(m);
                        break;
                    }
                }
                if (target == null) {
                    throw new NoSuchMethodException(cls.getName() + "." + wrappers[i]);
                }
                stubs[i] = linker.upcallStub(target, descriptor(target.type()), Arena.global()).address();
            }
            MemorySegment entries = MemorySegment.ofAddress(table).reinterpret(8L * wrappers.length);
            VarHandle word = ValueLayout.JAVA_LONG.varHandle();
            synchronized (LOCK) {
                if (stopped) {
                    return;
                }
                for (int i = 0; i < stubs.length; i++) {
                    word.setRelease(entries, 8L * i, stubs[i]);
                }
            }
            if (trace) {
                System.err.printf("jembed: %s: FFM dispatch: %d upcall stubs published in %.1f ms (%s)%n",
                        libraryName(bridge), stubs.length, (System.nanoTime() - start) / 1e6,
                        Thread.currentThread().getName());
            }
        }
    }
}
