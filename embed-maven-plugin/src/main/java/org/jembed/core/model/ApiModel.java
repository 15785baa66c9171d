package org.jembed.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the API header declares, each item with its source position.
 * Functions are the exported functions (declared in the main header file);
 * the other lists hold declarations from the main header and from project headers it includes
 * (system headers contribute only the standard typedefs).
 *
 * @param headerName the main header's file name, e.g. {@code plugin.h}
 * @param functions  the exported functions, in declaration order
 * @param structs    every struct and union, including anonymous and forward-declared ones
 * @param enums      every enum
 * @param typedefs   the header's own typedefs
 * @param globals    {@code extern} variables
 * @param constants  integer {@code #define} constants from the main header
 */
public record ApiModel(String headerName, List<FunctionDecl> functions, List<StructDecl> structs,
                       List<EnumDecl> enums, List<TypedefDecl> typedefs, List<GlobalDecl> globals,
                       List<ConstantDecl> constants) {
    /** The struct or union with this key. */
    public Optional<StructDecl> struct(String key) {
        return structs.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The enum with this key. */
    public Optional<EnumDecl> enumDecl(String key) {
        return enums.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
