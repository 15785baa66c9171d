package org.example;

import java.lang.foreign.MemorySegment;
import org.example.capi.host_request;
import org.example.capi.hostlib_h;
import org.jembed.runtime.Export;

/** Reads and writes a host's struct through its generated view: bit-fields, the anonymous union, the flexible array. */
public final class Plugin {
    private Plugin() {
    }

    @Export
    public static long plugin_handle(host_request r) {
        if (r.ready() != 1 || r.dirty() != 0 || r.mode() != -3 || r.kind() != 42 || r.number() != 1234567890123L) {
            throw new IllegalStateException("the view reads " + r.ready() + " " + r.dirty() + " " + r.mode() + " "
                    + r.kind() + " " + r.number());
        }
        if (hostlib_h.HOST_KIND(r.segment()) != 42) {
            throw new IllegalStateException("HOST_KIND, a macro, reads " + hostlib_h.HOST_KIND(r.segment()));
        }
        r.dirty(1).mode(5).real(2.5);
        long sum = 0;
        for (int i = 0; i < r.count(); i++) {
            r.values(i, (i + 1) * 10);
            sum += r.values(i);
        }
        return sum;
    }

    @Export
    public static int plugin_round_trip(int mode) {
        MemorySegment raw = hostlib_h.host_request_new(3);
        try {
            host_request r = new host_request(raw.reinterpret(host_request.SIZE + 3 * 4));
            r.ready(1).mode(mode).kind(hostlib_h.HOST_FLAG_READY | hostlib_h.HOST_FLAG_DIRTY);
            r.values(2, 99);
            if (r.values(2) != 99 || r.mode() != mode || r.count() != 3) {
                throw new IllegalStateException("the view reads back " + r.values(2) + " " + r.mode() + " " + r.count());
            }
            return hostlib_h.host_request_is_ready(raw) == 1 && r.kind() == 3 ? 1 : 0;
        } finally {
            hostlib_h.host_request_free(raw);
        }
    }
}
