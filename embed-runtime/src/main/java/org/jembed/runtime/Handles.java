package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * Java objects handed to C as opaque {@code void *} values and recovered from them later
 * (CFFI: {@code ffi.new_handle} / {@code ffi.from_handle}; JNI global references play the same part in JNI code).
 *
 * <p>A handle keeps its object reachable until {@link #release(MemorySegment)}. Its value is not an address:
 * bits 63–56 hold the tag {@code 0x6A} ('j'), bits 55–48 the id of this library's table, bits 47–32 the slot's
 * generation and bits 31–0 the slot index plus one. Such a value is a non-canonical address on x86-64 (4- and
 * 5-level paging) and AArch64, so C dereferencing it faults at once and it never aliases real memory.
 * {@link #get(MemorySegment)} recognizes what it is given:
 * <ul>
 *   <li>{@code NULL} → {@code null};</li>
 *   <li>a pointer that is not a handle of this library → {@link IllegalArgumentException}
 *       "pointer 0x... is not a jembed handle of this library (a foreign pointer)", or "... (it is another
 *       library's handle)" when it carries the tag but another table id;</li>
 *   <li>a released handle (or one whose slot was reused since) → {@link IllegalArgumentException}
 *       "handle 0x... was released; it cannot be used any more".</li>
 * </ul>
 * A slot is reused after release with its generation incremented; a stale handle is detected unless the same slot
 * was reused exactly 65,536 times meanwhile. All methods are thread-safe.
 *
 * <p><b>Table ids are unique in the JVM.</b> Every jembed library has its own class loader and so its own copy of
 * this class; the only state the copies share is the JDK's. The first use of this class in a library takes the next
 * id, 1 to 255, from the system property {@value #TABLE_ID_PROPERTY} (the last id handed out, in decimal), updated
 * with {@link Properties#compute}, which is atomic ({@code Properties} synchronizes it on itself). So two libraries
 * in one JVM never share an id, whatever order or threads they start in, and each refuses the other's handles every
 * time. A library that does not use handles takes no id. When all 255 ids are taken (a 256th library using handles
 * in one JVM), or when the property holds anything but a number from 0 to 255, the library gets no id: its
 * {@link #newHandle(Object)} throws {@link IllegalStateException} naming the property, and its {@code get} refuses
 * every pointer; an id is never shared. The ids are lost if the host replaces the system properties
 * ({@link System#setProperties}) or clears that property; libraries started after that may reuse an id.
 *
 * <p><b>Lock-free reads.</b> {@link #get(MemorySegment)} takes no lock and does no atomic read-modify-write: on the
 * success path it reads the {@code volatile} slot array, then one array element with acquire semantics
 * ({@link VarHandle#getAcquire}); on x86-64 both are plain loads, and readers write nothing shared, so lookups from
 * many threads scale like plain calls. {@link #newHandle(Object)} and {@link #release(MemorySegment)} serialize on a
 * private lock. The argument, in Java Memory Model terms:
 * <ul>
 *   <li>A slot holds an immutable cell (the object and the generation, both {@code final} fields), or {@code null}
 *       once released. Writers store a cell with release semantics; a reader that sees a cell sees its fields as
 *       constructed (JLS 17.5), even through a data race.</li>
 *   <li>The slot array only grows, by copy: under the lock a writer copies the cells into a larger array and then
 *       publishes it with a {@code volatile} write; afterwards writers touch only the new array. A reader that
 *       sees an array sees every cell copied into it.</li>
 *   <li>A program can only use a handle after the {@code newHandle} that made it returned, so there is a
 *       happens-before edge from that {@code newHandle} to the lookup (through C: a mutex, an atomic with release
 *       and acquire, thread creation; in Java the same). The lookup's {@code volatile} read of the array then sees
 *       the array that {@code newHandle} wrote the cell into, or a later copy, and its acquire read of the slot
 *       sees that cell or a later write to the slot. The same holds for a {@code release} that happened before
 *       the lookup: its {@code null} (or a reused slot's next generation) is seen, and the lookup refuses.</li>
 *   <li>A lookup racing with the {@code release} of the same handle (a use-after-free race in the program) returns
 *       the object or refuses it: either is a valid order of the two calls; it never returns another object,
 *       because the generation is part of the cell the reader compares against.</li>
 *   <li>Every refusal is decided again under the lock before it is reported, so the message (no such slot,
 *       released) reflects the latest state.</li>
 * </ul>
 */
public final class Handles {
    /** The system property shared by all jembed libraries of a JVM: the last handle table id handed out. */
    public static final String TABLE_ID_PROPERTY = "org.jembed.handles.lastTableId";

    private static final long TAG = 0x6AL;
    private static final int MAX_TABLE_ID = 255;
    /** This library's table id, 1..255; 0 when none was left. */
    private static final int TABLE = takeTableId(System.getProperties());
    private static final long PREFIX = (TAG << 56) | ((long) TABLE << 48);
    private static final long PREFIX_MASK = 0xFFFFL << 48;
    private static final int MAX_SLOTS = Integer.MAX_VALUE - 8;

    /** The content of a live slot. Immutable (final fields): safe to read through a race. */
    private static final class Cell {
        final Object object;
        final int generation;

        Cell(Object object, int generation) {
            this.object = object;
            this.generation = generation;
        }
    }

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Cell[].class);

    /** Read by {@link #get} without a lock; replaced (grown) only under {@link #LOCK}. */
    private static volatile Cell[] slots = new Cell[16];
    private static volatile int live;

    private static final Object LOCK = new Object();
    // Guarded by LOCK.
    private static int[] generations = new int[16];
    private static int[] free = new int[16];
    private static int freeCount;
    private static int highWater;

    private Handles() {
    }

    /**
     * A new handle for {@code object}, to give to C as a {@code void *}.
     *
     * @param object any object, not null
     * @return a zero-length segment whose address is the handle
     * @throws NullPointerException  if {@code object} is null
     * @throws IllegalStateException if this library has no handle table id (see the class description)
     */
    public static MemorySegment newHandle(Object object) {
        if (object == null) {
            throw new NullPointerException("a handle needs an object; pass MemorySegment.NULL for a C NULL");
        }
        if (TABLE == 0) {
            throw new IllegalStateException("jembed: this library cannot make handles: no handle table id is left"
                    + " (system property " + TABLE_ID_PROPERTY + " = " + System.getProperty(TABLE_ID_PROPERTY)
                    + "; at most " + MAX_TABLE_ID + " jembed libraries in one JVM can use handles)");
        }
        synchronized (LOCK) {
            int index;
            if (freeCount > 0) {
                index = free[--freeCount];
            } else {
                if (highWater == MAX_SLOTS) {
                    throw new IllegalStateException("jembed: the handle table is full (" + MAX_SLOTS + " handles)");
                }
                index = highWater++;
                if (index == slots.length) {
                    grow();
                }
            }
            int generation = generations[index];
            SLOT.setRelease(slots, index, new Cell(object, generation));
            live++;
            return MemorySegment.ofAddress(PREFIX | ((long) generation << 32) | (index + 1L));
        }
    }

    /** Doubles the slot array; the copy is complete before it is published. Called under {@link #LOCK}. */
    private static void grow() {
        Cell[] old = slots;
        int length = (int) Math.min(MAX_SLOTS, old.length * 2L);
        generations = Arrays.copyOf(generations, length);
        slots = Arrays.copyOf(old, length);
    }

    /**
     * The object of a handle. Lock-free (see the class description).
     *
     * @param handle a value made by {@link #newHandle(Object)} and passed through C
     * @return the object; {@code null} for {@code NULL}
     * @throws IllegalArgumentException if {@code handle} is not a live handle of this library
     */
    public static Object get(MemorySegment handle) {
        if (handle == null) {
            return null;
        }
        long value = handle.address();
        if ((value & PREFIX_MASK) == PREFIX) {
            long index = (value & 0xFFFFFFFFL) - 1;
            Cell[] s = slots;
            if (index >= 0 && index < s.length) {
                Cell c = (Cell) SLOT.getAcquire(s, (int) index);
                if (c != null && c.generation == (int) ((value >>> 32) & 0xFFFF)) {
                    return c.object;
                }
            }
        } else if (value == 0) {
            return null;
        }
        synchronized (LOCK) {
            return slots[slot(value)].object;
        }
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
    public static Object release(MemorySegment handle) {
        if (handle == null || handle.address() == 0) {
            throw new IllegalArgumentException("cannot release a NULL handle");
        }
        synchronized (LOCK) {
            int index = slot(handle.address());
            Cell[] s = slots;
            Object o = s[index].object;
            SLOT.setRelease(s, index, (Cell) null);
            generations[index] = (generations[index] + 1) & 0xFFFF;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, free.length * 2);
            }
            free[freeCount++] = index;
            live--;
            return o;
        }
    }

    /** The number of handles made and not yet released. */
    public static int live() {
        return live;
    }

    /** The slot of a live handle of this library, or the exception that says why not. Called under {@link #LOCK}. */
    private static int slot(long value) {
        String shown = "0x" + Long.toHexString(value);
        if ((value & PREFIX_MASK) != PREFIX) {
            throw new IllegalArgumentException("pointer " + shown + " is not a jembed handle of this library"
                    + ((value >>> 56) == TAG ? " (it is another library's handle)" : " (a foreign pointer)"));
        }
        long index = (value & 0xFFFFFFFFL) - 1;
        int generation = (int) ((value >>> 32) & 0xFFFF);
        if (index < 0 || index >= highWater) {
            throw new IllegalArgumentException("pointer " + shown + " is not a jembed handle of this library (no such slot)");
        }
        int i = (int) index;
        Cell c = slots[i];
        if (c == null || c.generation != generation) {
            throw new IllegalArgumentException("handle " + shown + " was released; it cannot be used any more");
        }
        return i;
    }

    /**
     * Takes the next table id from {@code properties} (the JVM's system properties), atomically.
     *
     * @return 1..255, or 0 when none is left or the property holds something else than 0..255
     */
    static int takeTableId(Properties properties) {
        TakeId take = new TakeId();
        properties.compute(TABLE_ID_PROPERTY, take);
        return take.id;
    }

    /** The update of the shared counter; a class, not a lambda, so that no bootstrap method runs at first use. */
    private static final class TakeId implements BiFunction<Object, Object, Object> {
        int id;

        @Override
        public Object apply(Object key, Object last) {
            int n;
            if (last == null) {
                n = 0;
            } else {
                try {
                    n = Integer.parseInt(String.valueOf(last));
                } catch (NumberFormatException e) {
                    n = MAX_TABLE_ID;
                }
                if (n < 0 || n > MAX_TABLE_ID) {
                    n = MAX_TABLE_ID;
                }
            }
            if (n == MAX_TABLE_ID) {
                return last;
            }
            id = n + 1;
            return Integer.toString(id);
        }
    }
}
