package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Java objects handed to C as opaque {@code void *} values and recovered from them later
 * (CFFI: {@code ffi.new_handle} / {@code ffi.from_handle}; JNI global references play the same part in JNI code).
 *
 * <p>A handle keeps its object reachable until {@link #release(MemorySegment)}. Its value is not an address:
 * bits 63–56 hold the tag {@code 0x6A} ('j'), bits 55–48 a random number of this table (each jembed library has its
 * own table), bits 47–32 the slot's generation and bits 31–0 the slot index plus one. Such a value is a
 * non-canonical address on x86-64 and AArch64 (so C dereferencing it faults at once, it never aliases real memory),
 * and {@link #get(MemorySegment)} recognizes what it is given:
 * <ul>
 *   <li>{@code NULL} → {@code null};</li>
 *   <li>a pointer that is not a handle of this library (an ordinary address, another library's handle) →
 *       {@link IllegalArgumentException} "... is not a jembed handle of this library";</li>
 *   <li>a released handle (or one whose slot was reused since) → {@link IllegalArgumentException}
 *       "... was released".</li>
 * </ul>
 * A slot is reused after release with its generation incremented; a stale handle is detected unless the same slot
 * was reused exactly 65,536 times meanwhile. All methods are thread-safe.
 */
public final class Handles {
    private static final long TAG = 0x6AL;
    private static final long TABLE = ThreadLocalRandom.current().nextLong(1, 256);
    private static final long PREFIX = (TAG << 56) | (TABLE << 48);
    private static final long PREFIX_MASK = 0xFFFFL << 48;

    private static final ArrayList<Object> objects = new ArrayList<>();
    private static final ArrayList<Integer> generations = new ArrayList<>();
    private static final ArrayList<Boolean> used = new ArrayList<>();
    private static int[] free = new int[16];
    private static int freeCount;
    private static int live;

    private Handles() {
    }

    /**
     * A new handle for {@code object}, to give to C as a {@code void *}.
     *
     * @param object any object, not null
     * @return a zero-length segment whose address is the handle
     * @throws NullPointerException if {@code object} is null
     */
    public static synchronized MemorySegment newHandle(Object object) {
        if (object == null) {
            throw new NullPointerException("a handle needs an object; pass MemorySegment.NULL for a C NULL");
        }
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
            objects.set(index, object);
            used.set(index, true);
        } else {
            index = objects.size();
            objects.add(object);
            generations.add(0);
            used.add(true);
        }
        live++;
        return MemorySegment.ofAddress(PREFIX | ((long) generations.get(index) << 32) | (index + 1L));
    }

    /**
     * The object of a handle.
     *
     * @param handle a value made by {@link #newHandle(Object)} and passed through C
     * @return the object; {@code null} for {@code NULL}
     * @throws IllegalArgumentException if {@code handle} is not a live handle of this library
     */
    public static synchronized Object get(MemorySegment handle) {
        if (handle == null || handle.address() == 0) {
            return null;
        }
        return objects.get(slot(handle.address()));
    }

    /**
     * The object of a handle, checked against {@code type}.
     *
     * @throws IllegalArgumentException if {@code handle} is not a live handle of this library
     * @throws ClassCastException       if the object is not a {@code type}
     */
    public static <T> T get(MemorySegment handle, Class<T> type) {
        Object o = get(handle);
        if (o != null && !type.isInstance(o)) {
            throw new ClassCastException("handle 0x" + Long.toHexString(handle.address()) + " holds a "
                    + o.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(o);
    }

    /**
     * Releases a handle: its object is no longer kept reachable, and the handle becomes stale.
     *
     * @return the object it held
     * @throws IllegalArgumentException if {@code handle} is not a live handle of this library (e.g. released twice)
     */
    public static synchronized Object release(MemorySegment handle) {
        if (handle == null || handle.address() == 0) {
            throw new IllegalArgumentException("cannot release a NULL handle");
        }
        int index = slot(handle.address());
        Object o = objects.get(index);
        objects.set(index, null);
        used.set(index, false);
        generations.set(index, (generations.get(index) + 1) & 0xFFFF);
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = index;
        live--;
        return o;
    }

    /** The number of handles made and not yet released. */
    public static synchronized int live() {
        return live;
    }

    private static int slot(long value) {
        String shown = "0x" + Long.toHexString(value);
        if ((value & PREFIX_MASK) != PREFIX) {
            throw new IllegalArgumentException("pointer " + shown + " is not a jembed handle of this library"
                    + ((value >>> 56) == TAG ? " (it is another library's handle)" : " (a foreign pointer)"));
        }
        long index = (value & 0xFFFFFFFFL) - 1;
        int generation = (int) ((value >>> 32) & 0xFFFF);
        if (index < 0 || index >= objects.size()) {
            throw new IllegalArgumentException("pointer " + shown + " is not a jembed handle of this library (no such slot)");
        }
        int i = (int) index;
        if (!used.get(i) || generations.get(i) != generation) {
            throw new IllegalArgumentException("handle " + shown + " was released; it cannot be used any more");
        }
        return i;
    }
}
