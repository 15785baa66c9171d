package org.jembed.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The C symbols whose addresses Java needs: the library's non-local exit functions ({@link #NONLOCAL}), the API
 * header's {@code extern} variables (for the generated accessors),
 * the internal header's variables and functions (accessors and downcalls), then the host's functions and variables
 * that the pom selected ({@link HostApi}), and the accessors the glue defines for bit-fields. The glue writes their
 * addresses, in this order, into its hidden {@code jembed_symbols[]} table; generated Java reads entry {@code i}
 * through {@code org.jembed.runtime.Symbols}. Both sides are generated from the same models, so the indexes agree.
 * The table holds addresses the static and dynamic linkers resolve once, at load: a downcall through it costs what a
 * downcall through a {@code static final} handle costs.
 */
public final class SymbolTable {
    /**
     * One entry.
     *
     * @param index    its position in the table
     * @param name     the C name of what Java reaches (the function or variable, whatever the glue calls through)
     * @param address  the C expression of the address the table holds, e.g. {@code &lua_settop},
     *                 {@code &jembed_host_lua_pop} (a wrapper the glue defines), {@code &RedisModule_Alloc} (the
     *                 variable that holds the function pointer)
     * @param global   the variable, when the entry is a variable of the API or internal header
     * @param function the function, when the entry is a function of the internal header
     * @param internal true when it comes from the internal header
     * @param host     the host function, when the entry is one
     * @param hostVariable the host variable, when the entry is one
     * @param bitField the bit-field accessor, when the entry is one
     */
    public record Entry(int index, String name, String address, Optional<GlobalDecl> global,
                        Optional<FunctionDecl> function, boolean internal, Optional<HostFunction> host,
                        Optional<GlobalDecl> hostVariable, Optional<BitField> bitField) {}

    /**
     * A bit-field member of a struct that has a view: the glue defines a getter and a setter for it, since its bits
     * are where the compiler put them (C11 6.7.2.1p11 leaves that to the implementation).
     *
     * @param struct the struct's C spelling, e.g. {@code struct fuse_file_info}
     * @param view   the view's simple class name
     * @param field  the member
     * @param getter the getter's C name, {@code jembed_bitfield_get_<n>}
     * @param setter the setter's C name, {@code jembed_bitfield_set_<n>}
     */
    public record BitField(String struct, String view, Field field, String getter, String setter) {}

    private SymbolTable() {
    }

    /** The C name of the glue's wrapper of host function {@code name} (a macro or a {@code static} function). */
    public static String wrapperName(String name) {
        return "jembed_host_" + name;
    }

    /** The C name of the wrapper that calls host function {@code name} in the host's guard. */
    public static String protectedName(String name) {
        return "jembed_protected_" + name;
    }

    /** The C name of the thunk through which the glue calls host function {@code name} that does not return. */
    public static String raiseName(String name) {
        return "jembed_raise_" + name;
    }

    /**
     * The library's non-local exit functions ({@code jembed_nonlocal.h}), always the first entries, in the order
     * {@code org.jembed.runtime.NonLocal} reads them.
     */
    public static final List<String> NONLOCAL = List.of("jembed_nonlocal_raise", "jembed_nonlocal_defer",
            "jembed_nonlocal_caught", "jembed_nonlocal_arm");

    /** The entries for {@code api} and, if there is one, the internal header's model, without bit-fields. */
    public static List<Entry> entries(ApiModel api, Optional<ApiModel> internal) {
        return entries(api, internal, List.of());
    }

    /**
     * The entries for {@code api}, the internal header's model, and the bit-field accessors. A host function or
     * variable both models select is one entry (the API model's).
     */
    public static List<Entry> entries(ApiModel api, Optional<ApiModel> internal, List<BitField> bitFields) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : NONLOCAL) {
            seen.add(f);
            out.add(new Entry(out.size(), f, "&" + f, Optional.empty(), Optional.empty(), false, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        for (GlobalDecl g : api.globals()) {
            if (seen.add(g.name())) {
                out.add(new Entry(out.size(), g.name(), "&" + g.name(), Optional.of(g), Optional.empty(), false,
                        Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        if (internal.isPresent()) {
            Set<String> apiFunctions = new HashSet<>();
            api.functions().forEach(f -> apiFunctions.add(f.name()));
            for (GlobalDecl g : internal.get().globals()) {
                if (seen.add(g.name())) {
                    out.add(new Entry(out.size(), g.name(), "&" + g.name(), Optional.of(g), Optional.empty(), true,
                            Optional.empty(), Optional.empty(), Optional.empty()));
                }
            }
            for (FunctionDecl f : internal.get().functions()) {
                if (!apiFunctions.contains(f.name()) && !f.variadic() && seen.add(f.name())) {
                    out.add(new Entry(out.size(), f.name(), "&" + f.name(), Optional.empty(), Optional.of(f), true,
                            Optional.empty(), Optional.empty(), Optional.empty()));
                }
            }
        }
        List<ApiModel> models = new ArrayList<>();
        models.add(api);
        internal.ifPresent(models::add);
        for (ApiModel m : models) {
            for (HostFunction f : m.host().functions()) {
                if (seen.add(f.name())) {
                    String address = switch (f.exit()) {
                        case PROTECTED -> "&" + protectedName(f.name());
                        case RAISES -> "&" + raiseName(f.name());
                        case RETURNS -> switch (f.kind()) {
                            case FUNCTION, POINTER_VARIABLE -> "&" + f.name();
                            case STATIC, MACRO -> "&" + wrapperName(f.name());
                        };
                    };
                    out.add(new Entry(out.size(), f.name(), address, Optional.empty(), Optional.empty(), false,
                            Optional.of(f), Optional.empty(), Optional.empty()));
                }
            }
        }
        for (ApiModel m : models) {
            for (GlobalDecl g : m.host().variables()) {
                if (seen.add(g.name())) {
                    out.add(new Entry(out.size(), g.name(), "&" + g.name(), Optional.empty(), Optional.empty(), false,
                            Optional.empty(), Optional.of(g), Optional.empty()));
                }
            }
        }
        for (BitField b : bitFields) {
            out.add(new Entry(out.size(), b.getter(), "&" + b.getter(), Optional.empty(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), Optional.of(b)));
            out.add(new Entry(out.size(), b.setter(), "&" + b.setter(), Optional.empty(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), Optional.of(b)));
        }
        return out;
    }
}
