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
 */
public record HostRequest(List<String> functions, List<String> variables, List<String> constants, List<String> types,
                          Optional<Path> pom) {
    /** Copies the lists. */
    public HostRequest {
        functions = List.copyOf(functions);
        variables = List.copyOf(variables);
        constants = List.copyOf(constants);
        types = List.copyOf(types);
    }

    /** Nothing asked for: only what the API reaches. */
    public static HostRequest none() {
        return new HostRequest(List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }
}
