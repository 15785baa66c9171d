package org.jembed.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java's shutdown sequence when the C host exits the ordinary way ({@code exit()}, a return from {@code main}) or the
 * last library's shutdown function destroys the JVM, bounded in time. Used by the C runtime only, on a thread of its
 * own, in this order: {@link #take} the application's shutdown hooks (under the monitor of
 * {@code java.lang.ApplicationShutdownHooks}, whose private map the runtime reads through JNI), {@link #run} them,
 * then the JDK's own hooks ({@code java.lang.Shutdown.shutdown()}: console restore, {@code File.deleteOnExit}), then
 * {@link #flush}. Unlike {@code DestroyJavaVM}, it never waits for a hook longer than the pom's {@code <exitTimeout>},
 * and never for other threads.
 */
public final class ExitSequence {
    private ExitSequence() {
    }

    /**
     * The hooks registered with {@code Runtime.addShutdownHook}, removed from the map, so that the JDK's own sequence
     * finds none left to run (and to wait for).
     *
     * @param hooks {@code ApplicationShutdownHooks.hooks}, or null when it already ran
     * @return the hook threads, not started
     */
    public static Thread[] take(Map<Thread, Thread> hooks) {
        if (hooks == null) {
            return new Thread[0];
        }
        Thread[] threads = hooks.keySet().toArray(new Thread[0]);
        hooks.clear();
        return threads;
    }

    /**
     * Flushes {@code System.out} and {@code System.err}, starts every hook, waits for them until {@code timeoutMillis}
     * have passed, and flushes again.
     *
     * @param hooks         the hook threads ({@link #take})
     * @param timeoutMillis how long to wait for all of them, in milliseconds
     * @return the names of the hooks still running then, quoted and separated by ", "; empty when all finished
     */
    public static String run(Thread[] hooks, long timeoutMillis) {
        flush();
        List<Thread> started = new ArrayList<>();
        for (Thread hook : hooks) {
            try {
                hook.start();
                started.add(hook);
            } catch (IllegalThreadStateException alreadyStarted) {
                // a hook the application started itself: Runtime.addShutdownHook would have refused it; skip it
            }
        }
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        StringBuilder stuck = new StringBuilder();
        for (Thread hook : started) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    hook.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (hook.isAlive()) {
                stuck.append(stuck.isEmpty() ? "" : ", ").append('\'').append(hook.getName()).append('\'');
            }
        }
        flush();
        return stuck.toString();
    }

    /** Flushes {@code System.out} and {@code System.err} (a {@code print} without a newline stays buffered). */
    public static void flush() {
        System.out.flush();
        System.err.flush();
    }
}
