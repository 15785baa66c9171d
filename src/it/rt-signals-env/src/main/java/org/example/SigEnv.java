package org.example;

import org.jembed.runtime.Export;

public final class SigEnv {
    @Export
    public static int ping() {
        return 1;
    }

    @Export
    public static int pom_property() {
        return "yes".equals(System.getProperty("sigenv.pom")) ? 1 : 0;
    }

    @Export
    public static int env_property() {
        return System.getProperty("sigenv.env") != null ? 1 : 0;
    }
}
