package org.jembed.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls of variadic C functions ({@code int luaL_error(lua_State *L, const char *fmt, ...)}) from generated Java: FFM
 * needs the type of every variable argument ({@link Linker.Option#firstVariadicArg}), which Java gives here by the
 * class of each argument, after C's default argument promotions (C11 6.5.2.2p6-7): {@code Integer}, {@code Short},
 * {@code Byte}, {@code Character} and {@code Boolean} go as {@code int}, {@code Long} as {@code long long},
 * {@code Float} and {@code Double} as {@code double}, a {@code MemorySegment} as a pointer, a {@code String} as a
 * NUL-terminated UTF-8 copy that lives for the call. One downcall handle is made per function and argument shape,
 * then reused. Used by generated code only.
 */
public final class Variadic {
    private record Shape(MemorySegment target, FunctionDescriptor descriptor) {}

    private static final Map<Shape, MethodHandle> HANDLES = new ConcurrentHashMap<>();

    private Variadic() {
    }

    /**
     * Calls {@code target}.
     *
     * @param target  the function's address
     * @param fixed   the descriptor of its fixed parameters and result
     * @param args    the fixed arguments, as the descriptor's carriers
     * @param varargs the variable arguments
     * @return what the function returned, boxed; {@code null} for {@code void}
     * @throws IllegalArgumentException for a variable argument of another class (a struct by value cannot be passed)
     */
    public static Object call(MemorySegment target, FunctionDescriptor fixed, Object[] args, Object... varargs) {
        List<MemoryLayout> layouts = new ArrayList<>(fixed.argumentLayouts());
        Object[] all = Arrays.copyOf(args, args.length + varargs.length);
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < varargs.length; i++) {
                Object v = varargs[i];
                MemoryLayout layout;
                Object value;
                if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    layout = ValueLayout.JAVA_INT;
                    value = ((Number) v).intValue();
                } else if (v instanceof Character c) {
                    layout = ValueLayout.JAVA_INT;
                    value = (int) c;
                } else if (v instanceof Boolean b) {
                    layout = ValueLayout.JAVA_INT;
                    value = b ? 1 : 0;
                } else if (v instanceof Long) {
                    layout = ValueLayout.JAVA_LONG;
                    value = v;
                } else if (v instanceof Float || v instanceof Double) {
                    layout = ValueLayout.JAVA_DOUBLE;
                    value = ((Number) v).doubleValue();
                } else if (v instanceof MemorySegment) {
                    layout = ValueLayout.ADDRESS;
                    value = v;
                } else if (v instanceof String s) {
                    layout = ValueLayout.ADDRESS;
                    value = arena.allocateFrom(s);
                } else if (v == null) {
                    layout = ValueLayout.ADDRESS;
                    value = MemorySegment.NULL;
                } else {
                    throw new IllegalArgumentException("variable argument " + (i + 1) + " is a " + v.getClass().getName()
                            + ": pass an Integer, Long, Double, MemorySegment or String");
                }
                layouts.add(layout);
                all[args.length + i] = value;
            }
            FunctionDescriptor descriptor = fixed.returnLayout()
                    .map(r -> FunctionDescriptor.of(r, layouts.toArray(MemoryLayout[]::new)))
                    .orElseGet(() -> FunctionDescriptor.ofVoid(layouts.toArray(MemoryLayout[]::new)));
            MethodHandle handle = HANDLES.computeIfAbsent(new Shape(target, descriptor), s -> Linker.nativeLinker()
                    .downcallHandle(s.target(), s.descriptor(), Linker.Option.firstVariadicArg(args.length)));
            return handle.invokeWithArguments(all);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
