package org.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Calls the library the way a Java host would (FFM), inside this test's JVM. */
class HostJvmTest {
    private static final SymbolLookup LIB = SymbolLookup.libraryLookup(Path.of("target/libhosted.so").toAbsolutePath(), Arena.global());
    private static final MethodHandle SQUARE = Linker.nativeLinker().downcallHandle(LIB.find("square").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle INIT_COUNT = Linker.nativeLinker().downcallHandle(LIB.find("init_count").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT));

    @Test
    void usesTheRunningJvmAndRunsInitOnce() throws Throwable {
        assertEquals(49, (int) SQUARE.invokeExact(7));
        // Init code ran in this JVM: it set a system property we can read.
        String loader = System.getProperty("hosted.init.loader");
        assertNotNull(loader, "init code did not run in the host JVM");
        assertTrue(loader.contains("jembed:hosted"), loader);
        // The library's classes come from its own loader, not from this test's class path.
        assertNotSame(Hosted.class.getClassLoader().getName(), "jembed:hosted");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int x = i;
            results.add(pool.submit((Callable<Integer>) () -> square(x)));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i * i, results.get(i).get());
        }
        pool.shutdown();
        assertEquals(1, (int) INIT_COUNT.invokeExact());
        // Only this JVM exists: the process's JVM is the one whose properties the init code wrote to.
        assertEquals(ProcessHandle.current().pid(), ManagementPid.pid());
    }

    private static int square(int x) throws Exception {
        try {
            return (int) SQUARE.invokeExact(x);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A second JVM would be a second process-wide runtime; there is one process and one JVM here. */
    static final class ManagementPid {
        static long pid() {
            return ProcessHandle.current().pid();
        }
    }
}
