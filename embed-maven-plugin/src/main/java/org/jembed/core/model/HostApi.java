package org.jembed.core.model;

import java.util.List;

/**
 * What the headers the API header includes declare beyond the API itself: the host's functions, variables and
 * macros. Straight from the parse stage it holds every candidate; after the selection stage ({@code HostSelection})
 * only what the pom asked for or the API reaches, with the types the probe completed.
 *
 * @param functions host functions (every kind), in declaration order
 * @param variables {@code extern} variables of the included headers (a function-pointer variable is also a
 *                  {@link HostFunction.Kind#POINTER_VARIABLE} function)
 * @param macros    {@code #define}s of the included headers, last definition of each name
 * @param skipped   declarations of the included headers that were not read
 */
public record HostApi(List<HostFunction> functions, List<GlobalDecl> variables, List<MacroDecl> macros,
                      List<Skipped> skipped) {
    /** Copies the lists. */
    public HostApi {
        functions = List.copyOf(functions);
        variables = List.copyOf(variables);
        macros = List.copyOf(macros);
        skipped = List.copyOf(skipped);
    }

    /** No host declarations. */
    public static HostApi none() {
        return new HostApi(List.of(), List.of(), List.of(), List.of());
    }
}
