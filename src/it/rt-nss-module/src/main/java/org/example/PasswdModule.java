package org.example;

import static org.example.capi.errno_base_h.ERANGE;
import static org.example.capi.nss_h.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.example.capi.passwd;
import org.jembed.runtime.Export;

/** The passwd entries of the NSS module "jx": three users, one of them with a 2 KB GECOS field. */
public final class PasswdModule {
    /** What a call returns when the library cannot answer (its start failed): glibc asks the next service. */
    private static final String UNAVAIL = "NSS_STATUS_UNAVAIL";

    record Entry(String name, int uid, String gecos, String dir, String shell) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("alice", 70001, "Alice", "/home/alice", "/bin/sh"),
            new Entry("bob", 70002, "Bob", "/home/bob", "/bin/sh"),
            new Entry("big", 70003, "B".repeat(2048), "/home/big", "/bin/sh"));

    /** The next entry getpwent_r returns (glibc serialises enumeration). */
    private static int next;

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwnam_r(String name, passwd pwd, MemorySegment buffer, long buflen,
                                         MemorySegment errnop) {
        for (Entry e : ENTRIES) {
            if (e.name().equals(name)) {
                return fill(e, pwd, buffer, buflen, errnop);
            }
        }
        return NSS_STATUS_NOTFOUND;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwuid_r(int uid, passwd pwd, MemorySegment buffer, long buflen,
                                         MemorySegment errnop) {
        for (Entry e : ENTRIES) {
            if (e.uid() == uid) {
                return fill(e, pwd, buffer, buflen, errnop);
            }
        }
        return NSS_STATUS_NOTFOUND;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_setpwent(int stayopen) {
        next = 0;
        return NSS_STATUS_SUCCESS;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_getpwent_r(passwd pwd, MemorySegment buffer, long buflen, MemorySegment errnop) {
        if (next >= ENTRIES.size()) {
            return NSS_STATUS_NOTFOUND;
        }
        int status = fill(ENTRIES.get(next), pwd, buffer, buflen, errnop);
        if (status == NSS_STATUS_SUCCESS) {
            next++; // a TRYAGAIN (ERANGE) gives the same entry again, into the larger buffer
        }
        return status;
    }

    @Export(error = UNAVAIL)
    public static int _nss_jx_endpwent() {
        return NSS_STATUS_SUCCESS;
    }

    /** Writes e's strings into buffer and points pwd's members at them; ERANGE through errnop when they do not fit. */
    private static int fill(Entry e, passwd pwd, MemorySegment buffer, long buflen, MemorySegment errnop) {
        byte[][] strings = {bytes(e.name()), bytes("x"), bytes(e.gecos()), bytes(e.dir()), bytes(e.shell())};
        long needed = 0;
        for (byte[] s : strings) {
            needed += s.length + 1;
        }
        if (needed > buflen) {
            errnop.reinterpret(4).set(ValueLayout.JAVA_INT, 0, ERANGE);
            return NSS_STATUS_TRYAGAIN;
        }
        MemorySegment buf = buffer.reinterpret(buflen);
        MemorySegment[] copies = new MemorySegment[strings.length];
        long at = 0;
        for (int i = 0; i < strings.length; i++) {
            MemorySegment.copy(strings[i], 0, buf, ValueLayout.JAVA_BYTE, at, strings[i].length);
            buf.set(ValueLayout.JAVA_BYTE, at + strings[i].length, (byte) 0);
            copies[i] = buf.asSlice(at);
            at += strings[i].length + 1;
        }
        pwd.pw_name(copies[0]).pw_passwd(copies[1]).pw_gecos(copies[2]).pw_dir(copies[3]).pw_shell(copies[4])
                .pw_uid(e.uid()).pw_gid(e.uid());
        return NSS_STATUS_SUCCESS;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
