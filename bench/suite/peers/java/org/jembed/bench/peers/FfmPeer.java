package org.jembed.bench.peers;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Java side of the FFM upcall peer: {@link #install()} makes one upcall stub per function and returns their
 * addresses (add, do_stuff, shout, make_box, unbox) to peer_ffm.c. Every target catches what it throws, because an
 * exception escaping an upcall ends the process.
 */
public final class FfmPeer {
    private FfmPeer() {
    }

    private static final MemoryLayout POINT = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y"));
    private static final ThreadLocal<MemorySegment> BUFFER = ThreadLocal.withInitial(() -> MemorySegment.NULL);
    private static volatile Object[] boxes = new Object[16];
    private static int boxCount;

    /** The object behind a handle. */
    record Box(int v) {
    }

    public static long[] install() throws ReflectiveOperationException {
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object[][] targets = {
            {"add", MethodType.methodType(int.class, int.class, int.class), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT)},
            {"doStuff", MethodType.methodType(int.class, MemorySegment.class), FunctionDescriptor.of(JAVA_INT, ADDRESS.withTargetLayout(POINT))},
            {"shout", MethodType.methodType(MemorySegment.class, MemorySegment.class), FunctionDescriptor.of(ADDRESS, ADDRESS)},
            {"makeBox", MethodType.methodType(MemorySegment.class, int.class), FunctionDescriptor.of(ADDRESS, JAVA_INT)},
            {"unbox", MethodType.methodType(int.class, MemorySegment.class), FunctionDescriptor.of(JAVA_INT, ADDRESS)},
        };
        long[] addresses = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            var target = lookup.findStatic(FfmPeer.class, (String) targets[i][0], (MethodType) targets[i][1]);
            addresses[i] = linker.upcallStub(target, (FunctionDescriptor) targets[i][2], Arena.global()).address();
        }
        return addresses;
    }

    static int add(int a, int b) {
        try {
            return a + b;
        } catch (Throwable t) {
            t.printStackTrace();
            return -1;
        }
    }

    static int doStuff(MemorySegment p) {
        try {
            return p.get(JAVA_INT, 0) + p.get(JAVA_INT, 4);
        } catch (Throwable t) {
            t.printStackTrace();
            return -1;
        }
    }

    static MemorySegment shout(MemorySegment s) {
        try {
            String out = s.reinterpret(Long.MAX_VALUE).getString(0).toUpperCase(Locale.ROOT);
            long need = out.getBytes(StandardCharsets.UTF_8).length + 1L;
            MemorySegment buf = BUFFER.get();
            if (buf.byteSize() < need) {
                buf = Arena.ofAuto().allocate(Math.max(need, 64));
                BUFFER.set(buf);
            }
            buf.setString(0, out);
            return buf;
        } catch (Throwable t) {
            t.printStackTrace();
            return MemorySegment.NULL;
        }
    }

    static MemorySegment makeBox(int v) {
        try {
            synchronized (FfmPeer.class) {
                Object[] b = boxes;
                if (boxCount == b.length) {
                    b = java.util.Arrays.copyOf(b, b.length * 2);
                }
                b[boxCount++] = new Box(v);
                boxes = b;
                return MemorySegment.ofAddress(boxCount);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            return MemorySegment.NULL;
        }
    }

    static int unbox(MemorySegment h) {
        try {
            return ((Box) boxes[(int) h.address() - 1]).v();
        } catch (Throwable t) {
            t.printStackTrace();
            return -1;
        }
    }
}
