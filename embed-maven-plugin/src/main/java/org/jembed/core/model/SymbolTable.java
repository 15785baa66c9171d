package org.jembed.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The library's own C symbols whose addresses Java needs: the API header's {@code extern} variables (for the
 * generated accessors), then the internal header's variables and functions (accessors and downcalls). The glue
 * writes their addresses, in this order, into its hidden {@code jembed_symbols[]} table; generated Java reads entry
 * {@code i} through {@code org.jembed.runtime.Symbols}. Both sides are generated from the same models, so the
 * indexes agree.
 */
public final class SymbolTable {
    /**
     * One entry.
     *
     * @param index    its position in the table
     * @param name     the C name
     * @param global   the variable, when the entry is a variable
     * @param function the function, when the entry is a function of the internal header
     * @param internal true when it comes from the internal header
     */
    public record Entry(int index, String name, Optional<GlobalDecl> global, Optional<FunctionDecl> function,
                        boolean internal) {}

    private SymbolTable() {
    }

    /** The entries for {@code api} and, if there is one, the internal header's model. */
    public static List<Entry> entries(ApiModel api, Optional<ApiModel> internal) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GlobalDecl g : api.globals()) {
            if (seen.add(g.name())) {
                out.add(new Entry(out.size(), g.name(), Optional.of(g), Optional.empty(), false));
            }
        }
        if (internal.isPresent()) {
            Set<String> apiFunctions = new HashSet<>();
            api.functions().forEach(f -> apiFunctions.add(f.name()));
            for (GlobalDecl g : internal.get().globals()) {
                if (seen.add(g.name())) {
                    out.add(new Entry(out.size(), g.name(), Optional.of(g), Optional.empty(), true));
                }
            }
            for (FunctionDecl f : internal.get().functions()) {
                if (!apiFunctions.contains(f.name()) && !f.variadic() && seen.add(f.name())) {
                    out.add(new Entry(out.size(), f.name(), Optional.empty(), Optional.of(f), true));
                }
            }
        }
        return out;
    }
}
