package org.example.jpge;

import static org.example.pg.palloc_h.palloc;

import org.example.pg.FunctionCallInfoBaseData;
import org.jembed.runtime.Export;
import org.jembed.runtime.HostError;
import org.jembed.runtime.HostException;

/** PostgreSQL's errors raised in and from Java: none crosses a Java frame. */
public final class Jpge {
    private Jpge() {
    }

    /** palloc is a <protectedFunction>: its ERROR leaves Java as a HostException and is re-thrown by the glue. */
    @Export
    public static long jalloc(FunctionCallInfoBaseData fcinfo) {
        long size = fcinfo.args(0).value();
        palloc(size);
        return size;
    }

    @Export
    public static long jalloc_or_minus1(FunctionCallInfoBaseData fcinfo) {
        try {
            palloc(fcinfo.args(0).value());
            return fcinfo.args(0).value();
        } catch (HostException e) {
            if (!e.getMessage().contains("invalid memory alloc request size")) {
                throw new IllegalStateException("palloc's message: " + e.getMessage());
            }
            return -1;
        }
    }

    @Export
    public static long jraise(FunctionCallInfoBaseData fcinfo) {
        throw HostError.raise("jraise " + (int) fcinfo.args(0).value());
    }

    @Export
    public static long jthrow(FunctionCallInfoBaseData fcinfo) {
        throw new IllegalArgumentException("jthrow " + (int) fcinfo.args(0).value());
    }

    @Export
    public static long jadd(FunctionCallInfoBaseData fcinfo) {
        return (int) fcinfo.args(0).value() + (int) fcinfo.args(1).value();
    }
}
