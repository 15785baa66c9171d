package org.jembed.bench.hosts.pg;

import static org.jembed.bench.hosts.pg.capi.fmgr_h.DatumGetTextPP;
import static org.jembed.bench.hosts.pg.capi.postgres_h.VARDATA_ANY;
import static org.jembed.bench.hosts.pg.capi.postgres_h.VARSIZE_ANY_EXHDR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jembed.bench.hosts.pg.capi.FunctionCallInfoBaseData;
import org.jembed.runtime.Export;

/** jdigitsum(text) and jadd(int4, int4), as ../../c/jpg_c.c does them in C. */
public final class Jpg {
    private Jpg() {
    }

    @Export
    public static long jdigitsum(FunctionCallInfoBaseData fcinfo) {
        MemorySegment t = DatumGetTextPP(MemorySegment.ofAddress(fcinfo.args(0).value()));
        MemorySegment s = VARDATA_ANY(t).reinterpret(VARSIZE_ANY_EXHDR(t));
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i++) {
            byte c = s.get(ValueLayout.JAVA_BYTE, i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return sum;
    }

    @Export
    public static long jadd(FunctionCallInfoBaseData fcinfo) {
        return (int) fcinfo.args(0).value() + (int) fcinfo.args(1).value();
    }
}
