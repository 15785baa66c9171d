package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import org.example.capi.point_t;
import org.jembed.runtime.Export;

public final class Traced {
    private Traced() {
    }

    @Export
    public static int add(int a, int b) {
        return a + b;
    }

    @Export
    public static int sum_point(point_t p) {
        return p.x() + p.y();
    }

    @Export(error = "-1")
    public static int divide(int a, int b) {
        return a / b;
    }

    /** User code calling restricted FFM methods itself: reinterpret and upcallStub. */
    @Export
    public static int restricted(int n) throws Throwable {
        MemorySegment stub = Linker.nativeLinker().upcallStub(
                MethodHandles.lookup().findStatic(Traced.class, "add", java.lang.invoke.MethodType.methodType(int.class, int.class, int.class)),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Arena.global());
        return (int) MemorySegment.ofAddress(stub.address()).reinterpret(1).byteSize() + n;
    }
}
