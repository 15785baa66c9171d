package org.example.jpg;

import static org.example.pg.builtins_h.cstring_to_text_with_len;
import static org.example.pg.fmgr_h.DatumGetTextPP;
import static org.example.pg.postgres_h.VARDATA_ANY;
import static org.example.pg.postgres_h.VARSIZE_ANY_EXHDR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.example.pg.FunctionCallInfoBaseData;
import org.jembed.runtime.Export;

/**
 * The SQL functions of jpg, in Java. PostgreSQL calls each with its FunctionCallInfoBaseData (PG_FUNCTION_ARGS),
 * whose args are read through the generated view, and takes the returned long as the Datum.
 */
public final class Jpg {
    private Jpg() {
    }

    /** jadd(int4, int4) returns int4 (STRICT: PostgreSQL passes no NULL). */
    @Export
    public static long jadd(FunctionCallInfoBaseData fcinfo) {
        int a = (int) fcinfo.args(0).value();              // PG_GETARG_INT32(0)
        int b = (int) fcinfo.args(1).value();
        return a + b;                                       // PG_RETURN_INT32(a + b)
    }

    /**
     * The bytes of a text argument: PG_GETARG_TEXT_PP(n) (detoasted if need be), VARDATA_ANY, VARSIZE_ANY_EXHDR, three
     * macros of the server's headers. DatumGetTextPP's expansion casts its argument to a pointer, so its wrapper takes
     * one: the Datum's value is that address.
     */
    private static MemorySegment text(FunctionCallInfoBaseData fcinfo, int n) {
        MemorySegment t = DatumGetTextPP(MemorySegment.ofAddress(fcinfo.args(n).value()));
        return VARDATA_ANY(t).reinterpret(VARSIZE_ANY_EXHDR(t));
    }

    /** jdigitsum(text) returns int8 */
    @Export
    public static long jdigitsum(FunctionCallInfoBaseData fcinfo) {
        MemorySegment s = text(fcinfo, 0);
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i++) {
            byte c = s.get(ValueLayout.JAVA_BYTE, i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return sum;                                         // PG_RETURN_INT64(sum): int8 is passed by value
    }

    /** jupper(text) returns text */
    @Export
    public static long jupper(FunctionCallInfoBaseData fcinfo) {
        MemorySegment s = text(fcinfo, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment upper = arena.allocate(Math.max(1, s.byteSize()));
            for (long i = 0; i < s.byteSize(); i++) {
                byte c = s.get(ValueLayout.JAVA_BYTE, i);
                upper.set(ValueLayout.JAVA_BYTE, i, c >= 'a' && c <= 'z' ? (byte) (c - 32) : c);
            }
            // a new text in the function's memory context (palloc), which PostgreSQL frees
            return cstring_to_text_with_len(upper, (int) s.byteSize()).address();   // PG_RETURN_TEXT_P
        }
    }
}
