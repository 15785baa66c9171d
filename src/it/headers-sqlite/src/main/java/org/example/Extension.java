package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.example.capi.sql_function_t;
import org.example.capi.sqlite3_api_routines;
import org.jembed.runtime.Export;

/** {@code java_upper(text)}: a SQL function written in Java, registered through SQLite's extension API. */
public final class Extension {
    private static final int SQLITE_UTF8 = 1;
    private static final MemorySegment SQLITE_TRANSIENT = MemorySegment.ofAddress(-1L);

    private static volatile sqlite3_api_routines api;

    @Export
    public static int sqlite3_extension_init(MemorySegment db, MemorySegment pzErrMsg, MemorySegment pApi) {
        api = new sqlite3_api_routines(pApi.reinterpret(sqlite3_api_routines.SIZE));
        MemorySegment upper = sql_function_t.allocate((ctx, argc, argv) -> {
            MemorySegment value = argv.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
            MemorySegment text = sqlite3_api_routines.value_text.invoke(api.value_text(), value);
            String s = text.reinterpret(Long.MAX_VALUE).getString(0);
            try (Arena arena = Arena.ofConfined()) {
                sqlite3_api_routines.result_text.invoke(api.result_text(), ctx,
                        arena.allocateFrom(s.toUpperCase(java.util.Locale.ROOT) + " (from Java)"), -1, SQLITE_TRANSIENT);
            }
        }, Arena.global());
        try (Arena arena = Arena.ofConfined()) {
            return sqlite3_api_routines.create_function.invoke(api.create_function(), db, arena.allocateFrom("java_upper"),
                    1, SQLITE_UTF8, MemorySegment.NULL, upper, MemorySegment.NULL, MemorySegment.NULL);
        }
    }
}
