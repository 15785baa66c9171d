package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class CycB {
    private static volatile int other = -1;

    @Init
    public static void init() throws Throwable {
        Thread.sleep(300); // let the other library's init start on the other thread
        MethodHandle otherValue = Linker.nativeLinker().downcallHandle(
                SymbolLookup.libraryLookup("libcyc_a.so", Arena.global()).find("a_value").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        other = (int) otherValue.invokeExact();
    }

    @Export
    public static int b_value() {
        return 1;
    }
}
