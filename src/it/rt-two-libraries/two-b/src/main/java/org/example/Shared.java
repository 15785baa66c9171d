package org.example;

/** The same class name in both libraries: each library's loader has its own copy and its own statics. */
public final class Shared {
    public static int counter;

    private Shared() {
    }
}
