package org.jembed.core.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jembed.core.ToolCall;

/**
 * The names a built shared library exports, read with its target's binutils: {@code nm -D --defined-only} for ELF,
 * {@code objdump -p} (the PE export table, "[Ordinal/Name Pointer] Table") for a DLL, {@code nm -g -U} for Mach-O
 * (whose C names carry a leading {@code _}).
 */
public final class ExportTable {
    private ExportTable() {
    }

    /**
     * The exported names of {@code library}.
     *
     * @param dir where the tool runs
     * @return the names, sorted; empty when the tool is missing or fails (the caller then skips its check: consumers'
     *         links will tell)
     */
    public static Optional<Set<String>> read(Toolset tools, Path library, Path dir) {
        List<String> command = switch (tools.target().os()) {
            case LINUX -> List.of(tools.tool("nm"), "-D", "--defined-only", library.toString());
            case WINDOWS -> List.of(tools.tool("objdump"), "-p", library.toString());
            case OSX -> List.of(tools.tool("nm"), "-g", "-U", library.toString());
        };
        if (!Toolset.found(command.get(0))) {
            return Optional.empty();
        }
        ToolCall call;
        try {
            call = ToolCall.run(command, dir);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (!call.succeeded()) {
            return Optional.empty();
        }
        return Optional.of(switch (tools.target().os()) {
            case LINUX -> nmNames(call.stdout(), false);
            case OSX -> nmNames(call.stdout(), true);
            case WINDOWS -> peExports(call.stdout());
        });
    }

    /**
     * Names from {@code nm} lines {@code <value> <type> <name>}, without ELF version suffixes ({@code @@V1}), and
     * without the leading {@code _} of Mach-O C names when {@code underscored}.
     */
    public static Set<String> nmNames(String out, boolean underscored) {
        Set<String> names = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 3) {
                String name = parts[2].replaceFirst("@.*", "");
                names.add(underscored && name.startsWith("_") ? name.substring(1) : name);
            }
        }
        return names;
    }

    /** Names from {@code objdump -p}'s export table: the lines {@code [   0] name} after "[Ordinal/Name Pointer] Table". */
    static Set<String> peExports(String out) {
        Set<String> names = new TreeSet<>();
        boolean inTable = false;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("[Ordinal/Name Pointer] Table")) {
                inTable = true;
            } else if (inTable && l.matches("\\[\\s*\\d+\\]\\s+\\S+")) {
                names.add(l.substring(l.indexOf(']') + 1).strip());
            } else if (inTable) {
                inTable = false;
            }
        }
        return names;
    }
}
