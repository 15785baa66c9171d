package org.jembed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
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
    }

    @Test
    void staleAndForeignPointersAreClearErrors() {
        MemorySegment h = Handles.newHandle("first");
        Handles.release(h);
        MemorySegment reused = Handles.newHandle("second");
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class, () -> Handles.get(h));
        assertTrue(stale.getMessage().endsWith(" was released; it cannot be used any more"), stale.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Handles.release(h));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Handles.get(MemorySegment.ofAddress(0x7ffd12345678L)));
        assertEquals("pointer 0x7ffd12345678 is not a jembed handle of this library (a foreign pointer)", foreign.getMessage());
        assertThrows(ClassCastException.class, () -> Handles.get(reused, Integer.class));
        assertEquals("second", Handles.get(reused, String.class));
        Handles.release(reused);
    }
}
