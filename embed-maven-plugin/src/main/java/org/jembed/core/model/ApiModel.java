package org.jembed.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the API header declares, each item with its source position, and what the compiler answered about it.
 * Functions are the exported functions (declared in the main header file);
 * the other lists hold declarations from the main header and from project headers it includes
 * (system headers contribute only the typedef names the header uses, resolved by the probe).
 *
 * @param headerName the main header's file name, e.g. {@code plugin.h}
 * @param functions  the exported functions, in declaration order
 * @param structs    every struct and union, including anonymous and forward-declared ones
 * @param enums      every enum
 * @param typedefs   the header's own typedefs
 * @param globals    {@code extern} variables
 * @param constants  {@code #define} constants of the main header (integer, floating and string)
 * @param inlines    {@code static inline} functions of the main header: left to C, neither exported nor bound
 * @param abi        sizes, offsets and alignments, from the compiler
 * @param host       what the included headers declare: the host's API ({@link HostApi})
 */
public record ApiModel(String headerName, List<FunctionDecl> functions, List<StructDecl> structs,
                       List<EnumDecl> enums, List<TypedefDecl> typedefs, List<GlobalDecl> globals,
                       List<ConstantDecl> constants, List<FunctionDecl> inlines, Abi abi, HostApi host) {

    /** A model without host declarations. */
    public ApiModel(String headerName, List<FunctionDecl> functions, List<StructDecl> structs,
                    List<EnumDecl> enums, List<TypedefDecl> typedefs, List<GlobalDecl> globals,
                    List<ConstantDecl> constants, List<FunctionDecl> inlines, Abi abi) {
        this(headerName, functions, structs, enums, typedefs, globals, constants, inlines, abi, HostApi.none());
    }

    /** A model nothing was asked about yet (no inline functions, {@link Abi#unknown()}). */
    public ApiModel(String headerName, List<FunctionDecl> functions, List<StructDecl> structs,
                    List<EnumDecl> enums, List<TypedefDecl> typedefs, List<GlobalDecl> globals,
                    List<ConstantDecl> constants) {
        this(headerName, functions, structs, enums, typedefs, globals, constants, List.of(), Abi.unknown());
    }

    /** The struct or union with this key. */
    public Optional<StructDecl> struct(String key) {
        return structs.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The enum with this key. */
    public Optional<EnumDecl> enumDecl(String key) {
        return enums.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** This model with other exported functions. */
    public ApiModel withFunctions(List<FunctionDecl> newFunctions) {
        return new ApiModel(headerName, List.copyOf(newFunctions), structs, enums, typedefs, globals, constants, inlines, abi, host);
    }

    /** This model with other host declarations. */
    public ApiModel withHost(HostApi newHost) {
        return new ApiModel(headerName, functions, structs, enums, typedefs, globals, constants, inlines, abi, newHost);
    }

    /** True when {@code pos} lies in the main header (not in a header it includes). */
    public boolean inMainHeader(SourcePos pos) {
        return pos.file().equals(headerName);
    }
}
