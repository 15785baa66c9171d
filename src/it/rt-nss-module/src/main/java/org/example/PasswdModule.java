package org.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.example.capi.layout_h;
import org.jembed.runtime.Export;

/** The passwd entries of the NSS module "jx": three users, one of them with a 2 KB GECOS field. */
public final class PasswdModule {
    private static final int TRYAGAIN = -2, NOTFOUND = 0, SUCCESS = 1;
    /** NSS_STATUS_UNAVAIL: what a call returns when the library cannot answer (glibc asks the next service). */
    private static final String UNAVAIL = "-1";
    private static final int ERANGE = 34;

    record Entry(String name, int uid, String gecos, String dir, String shell) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("alice", 70001, "Alice", "/home/alice", "/bin/sh"),
            new Entry("bob", 70002, "Bob", "/home/bob", "/bin/sh"),
            new Entry("big", 70003, "B".repeat(2048), "/home/big", "/bin/sh"));

    /** The next entry getpwent_r returns (glibc serialises enumeration). */
    private static int next;

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwnam_r(String name, MemorySegment pwd, MemorySegment buffer, long buflen,
                                         MemorySegment errnop) {
        for (Entry e : ENTRIES) {
            if (e.name().equals(name)) {
                return fill(e, pwd, buffer, buflen, errnop);
            }
        }
        return NOTFOUND;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwuid_r(int uid, MemorySegment pwd, MemorySegment buffer, long buflen,
                                         MemorySegment errnop) {
        for (Entry e : ENTRIES) {
            if (e.uid() == uid) {
                return fill(e, pwd, buffer, buflen, errnop);
            }
        }
        return NOTFOUND;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_setpwent(int stayopen) {
        next = 0;
        return SUCCESS;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwent_r(MemorySegment pwd, MemorySegment buffer, long buflen, MemorySegment errnop) {
        if (next >= ENTRIES.size()) {
            return NOTFOUND;
        }
        int status = fill(ENTRIES.get(next), pwd, buffer, buflen, errnop);
        if (status == SUCCESS) {
            next++; // a TRYAGAIN (ERANGE) gives the same entry again, into the larger buffer
        }
        return status;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_endpwent() {
        return SUCCESS;
    }

    /** Writes e's strings into buffer and points pwd's members at them; ERANGE through errnop when they do not fit. */
    private static int fill(Entry e, MemorySegment pwd, MemorySegment buffer, long buflen, MemorySegment errnop) {
        MemorySegment layout = layout_h.jx_passwd_layout().reinterpret(8 * ValueLayout.JAVA_LONG.byteSize());
        MemorySegment p = pwd.reinterpret(layout.getAtIndex(ValueLayout.JAVA_LONG, 0));
        byte[][] strings = {bytes(e.name()), bytes("x"), bytes(e.gecos()), bytes(e.dir()), bytes(e.shell())};
        int[] members = {1, 2, 5, 6, 7};
        long needed = 0;
        for (byte[] s : strings) {
            needed += s.length + 1;
        }
        if (needed > buflen) {
            errnop.reinterpret(4).set(ValueLayout.JAVA_INT, 0, ERANGE);
            return TRYAGAIN;
        }
        MemorySegment buf = buffer.reinterpret(buflen);
        long at = 0;
        for (int i = 0; i < strings.length; i++) {
            MemorySegment.copy(strings[i], 0, buf, ValueLayout.JAVA_BYTE, at, strings[i].length);
            buf.set(ValueLayout.JAVA_BYTE, at + strings[i].length, (byte) 0);
            p.set(ValueLayout.ADDRESS, layout.getAtIndex(ValueLayout.JAVA_LONG, members[i]), buf.asSlice(at));
            at += strings[i].length + 1;
        }
        p.set(ValueLayout.JAVA_INT, layout.getAtIndex(ValueLayout.JAVA_LONG, 3), e.uid());
        p.set(ValueLayout.JAVA_INT, layout.getAtIndex(ValueLayout.JAVA_LONG, 4), e.uid());
        return SUCCESS;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
