package org.jembed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HandlesTest {
    @Test
    void roundTripsAndReleases() {
        int before = Handles.live();
        Object o = new Object();
        MemorySegment h = Handles.newHandle(o);
        assertSame(o, Handles.get(MemorySegment.ofAddress(h.address())));
        assertEquals(before + 1, Handles.live());
        assertSame(o, Handles.release(h));
        assertEquals(before, Handles.live());
        assertNull(Handles.get(MemorySegment.NULL));
        assertNull(Handles.get(null));
    }

    @Test
    void staleAndForeignPointersAreClearErrors() {
        MemorySegment h = Handles.newHandle("first");
        Handles.release(h);
        MemorySegment reused = Handles.newHandle("second");
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class, () -> Handles.get(h));
        assertEquals("handle 0x" + Long.toHexString(h.address()) + " was released; it cannot be used any more",
                stale.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Handles.release(h));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Handles.get(MemorySegment.ofAddress(0x7ffd12345678L)));
        assertEquals("pointer 0x7ffd12345678 is not a jembed handle of this library (a foreign pointer)", foreign.getMessage());
        long noSlot = (h.address() & ~0xFFFFFFFFL) | 0x7FFFFFF0L;
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Handles.get(MemorySegment.ofAddress(noSlot)));
        assertTrue(none.getMessage().endsWith("is not a jembed handle of this library (no such slot)"), none.getMessage());
        assertThrows(ClassCastException.class, () -> Handles.get(reused, Integer.class));
        assertEquals("second", Handles.get(reused, String.class));
        Handles.release(reused);
        assertThrows(IllegalArgumentException.class, () -> Handles.release(MemorySegment.NULL));
    }

    @Test
    void tableIdsCountUpToTheLimitThenRunOut() {
        Properties p = new Properties();
        for (int id = 1; id <= 255; id++) {
            assertEquals(id, Handles.takeTableId(p));
        }
        assertEquals("255", p.getProperty(Handles.TABLE_ID_PROPERTY));
        assertEquals(0, Handles.takeTableId(p));
        assertEquals(0, Handles.takeTableId(p));
        assertEquals("255", p.getProperty(Handles.TABLE_ID_PROPERTY));

        Properties garbled = new Properties();
        garbled.setProperty(Handles.TABLE_ID_PROPERTY, "twelve");
        assertEquals(0, Handles.takeTableId(garbled), "an id is never guessed");
        assertEquals("twelve", garbled.getProperty(Handles.TABLE_ID_PROPERTY));
        garbled.setProperty(Handles.TABLE_ID_PROPERTY, "-3");
        assertEquals(0, Handles.takeTableId(garbled));
    }

    /** Each jembed library has its own copy of Handles (own class loader); here, copies in child-first loaders. */
    @Test
    void everyLibraryRefusesEveryOtherLibrarysHandles() throws Throwable {
        Handles.live(); // this loader's copy takes its id first
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tables.add(new Table());
        }
        tables.add(Table.of(Handles.class));
        List<MemorySegment> handles = new ArrayList<>();
        for (Table t : tables) {
            handles.add(t.newHandle("object of table " + tables.indexOf(t)));
        }
        for (int a = 0; a < tables.size(); a++) {
            Table table = tables.get(a);
            assertEquals("object of table " + a, table.get(handles.get(a)));
            for (int b = 0; b < tables.size(); b++) {
                if (a != b) {
                    assertNotEquals(handles.get(a).address() >>> 48, handles.get(b).address() >>> 48);
                    MemorySegment other = handles.get(b);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.get(other));
                    assertEquals("pointer 0x" + Long.toHexString(other.address())
                            + " is not a jembed handle of this library (it is another library's handle)", e.getMessage());
                }
            }
        }
        for (int a = 0; a < tables.size(); a++) {
            tables.get(a).release(handles.get(a));
        }
    }

    @Test
    void aLibraryWithoutTableIdCannotMakeHandles() throws Throwable {
        Properties system = System.getProperties();
        MemorySegment mine = Handles.newHandle("mine");
        String saved;
        synchronized (system) {
            saved = system.getProperty(Handles.TABLE_ID_PROPERTY);
            system.setProperty(Handles.TABLE_ID_PROPERTY, "255");
        }
        Table late;
        try {
            late = new Table();
            late.live(); // initializes it: no id left
        } finally {
            synchronized (system) {
                system.setProperty(Handles.TABLE_ID_PROPERTY, saved);
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> late.newHandle("x"));
        assertEquals("jembed: this library cannot make handles: no handle table id is left (system property "
                + "org.jembed.handles.lastTableId = " + saved + "; at most 255 jembed libraries in one JVM can use handles)",
                e.getMessage());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> late.get(mine));
        assertTrue(refused.getMessage().endsWith("(it is another library's handle)"), refused.getMessage());
        Handles.release(mine);
    }

    /** Readers never lock; writers grow the table under them. Every lookup finds its own object. */
    @Test
    void concurrentLookupsWhileTheTableGrows() throws Exception {
        int writers = 3;
        int readers = 3;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<MemorySegment> fixed = new ArrayList<>();
        List<Object> fixedObjects = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Object o = new Object();
            fixedObjects.add(o);
            fixed.add(Handles.newHandle(o));
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch writersDone = new CountDownLatch(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(new Thread(() -> {
                try {
                    for (int round = 0; round < 20; round++) {
                        List<MemorySegment> mine = new ArrayList<>();
                        List<Object> objects = new ArrayList<>();
                        for (int i = 0; i < 2000; i++) {
                            Object o = new Object();
                            objects.add(o);
                            mine.add(Handles.newHandle(o));
                        }
                        for (int i = 0; i < mine.size(); i++) {
                            if (Handles.get(MemorySegment.ofAddress(mine.get(i).address())) != objects.get(i)) {
                                throw new AssertionError("wrong object for " + mine.get(i));
                            }
                        }
                        for (int i = 0; i < mine.size(); i++) {
                            if (Handles.release(mine.get(i)) != objects.get(i)) {
                                throw new AssertionError("released the wrong object");
                            }
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    writersDone.countDown();
                }
            }));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int i = 0; i < fixed.size(); i++) {
                            if (Handles.get(fixed.get(i)) != fixedObjects.get(i)) {
                                throw new AssertionError("wrong object for a fixed handle");
                            }
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        writersDone.await();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.peek().toString());
        for (MemorySegment h : fixed) {
            Handles.release(h);
        }
    }

    /** A fresh copy of Handles, as another jembed library has. */
    private static final class Table {
        private final MethodHandle newHandle;
        private final MethodHandle get;
        private final MethodHandle release;
        private final MethodHandle live;

        Table() throws Exception {
            this(new ChildFirst().loadClass(Handles.class.getName()));
        }

        private Table(Class<?> c) throws Exception {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            newHandle = l.findStatic(c, "newHandle", MethodType.methodType(MemorySegment.class, Object.class));
            get = l.findStatic(c, "get", MethodType.methodType(Object.class, MemorySegment.class));
            release = l.findStatic(c, "release", MethodType.methodType(Object.class, MemorySegment.class));
            live = l.findStatic(c, "live", MethodType.methodType(int.class));
        }

        static Table of(Class<?> c) throws Exception {
            return new Table(c);
        }

        MemorySegment newHandle(Object o) throws Throwable {
            return (MemorySegment) newHandle.invoke(o);
        }

        Object get(MemorySegment h) throws Throwable {
            return get.invoke(h);
        }

        Object release(MemorySegment h) throws Throwable {
            return release.invoke(h);
        }

        int live() throws Throwable {
            return (int) live.invoke();
        }
    }

    /** Defines Handles and its nested classes itself; everything else comes from the test's loader. */
    private static final class ChildFirst extends ClassLoader {
        ChildFirst() {
            super(HandlesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(Handles.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
