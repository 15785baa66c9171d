package org.jembed.bench.peers;

import java.util.Locale;

/** The Java side of the hand-written JNI peer (peer_jni.c calls these through cached method ids). */
public final class JniPeer {
    private JniPeer() {
    }

    /** The object behind a handle. */
    record Box(int v) {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static int doStuff(int x, int y) {
        return x + y;
    }

    public static String shout(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    public static Object makeBox(int v) {
        return new Box(v);
    }

    public static int unbox(Object box) {
        return ((Box) box).v();
    }
}
