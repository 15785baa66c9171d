package org.example;

import org.apiguardian.api.API;
import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class NeedsMissing {
    private static String status;

    @Init
    public static void init() {
        status = API.Status.STABLE.name(); // apiguardian is 'provided': not frozen into the library
    }

    @Export
    public static long twice(long v) {
        return 2 * v;
    }
}
