package org.jembed.core.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What of the host's API (the headers the API and internal headers include) the project asks for, as names or
 * patterns ({@code *} any run of characters, {@code ?} one), in the manner of jextract's {@code --include-function}.
 * Whatever the API itself reaches (a struct an exported function takes, an enum it returns) comes too.
 *
 * @param functions the host functions Java calls: {@code extern} functions, function-pointer variables,
 *                  {@code static}/{@code static inline} functions and function-like macros of those headers
 *                  ({@code <hostFunctions>}, e.g. {@code lua_*})
 * @param variables the host variables Java reads and writes ({@code <hostVariables>})
 * @param constants the object-like macros and enumerators Java sees as constants ({@code <hostConstants>},
 *                  e.g. {@code LUA_T*})
 * @param types     the structs, unions and typedefs that get views ({@code <hostTypes>}), by tag or typedef name
 * @param pom       the project's pom, to position a message about an entry; empty in tests
 * @param protectedFunctions host functions that may leave by the host's non-local exit ({@code <protectedFunctions>}:
 *                  {@code luaL_check*}, {@code palloc}), called through the host's guard; they are host functions too
 * @param raisingFunctions host functions that never return ({@code <raisingFunctions>}: {@code lua_error}), called
 *                  by the glue once Java has returned; they are host functions too
 * @param guard     how the host raises and catches its errors ({@code <hostGuard>}): {@code lua}, {@code postgresql},
 *                  or the path of a header of the project's that defines the guard's macros; empty for none
 */
public record HostRequest(List<String> functions, List<String> variables, List<String> constants, List<String> types,
                          Optional<Path> pom, List<String> protectedFunctions, List<String> raisingFunctions,
                          String guard) {
    /** The guards jembed ships: {@code <hostGuard>} value to the header in the templates. */
    public static final java.util.Map<String, String> BUILT_IN_GUARDS = java.util.Map.of(
            "lua", "jembed_guard_lua.h", "postgresql", "jembed_guard_postgresql.h");

    /** Copies the lists. */
    public HostRequest {
        functions = List.copyOf(functions);
        variables = List.copyOf(variables);
        constants = List.copyOf(constants);
        types = List.copyOf(types);
        protectedFunctions = List.copyOf(protectedFunctions);
        raisingFunctions = List.copyOf(raisingFunctions);
        guard = guard.strip();
    }

    /** A request whose host functions all return. */
    public HostRequest(List<String> functions, List<String> variables, List<String> constants, List<String> types,
                       Optional<Path> pom) {
        this(functions, variables, constants, types, pom, List.of(), List.of(), "");
    }

    /** The guard's header as the host file includes it: a built-in one's name, or the project's header. */
    public Optional<String> guardHeader() {
        return guard.isEmpty() ? Optional.empty() : Optional.of(BUILT_IN_GUARDS.getOrDefault(guard, guard));
    }

    /** Nothing asked for: only what the API reaches. */
    public static HostRequest none() {
        return new HostRequest(List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }
}
