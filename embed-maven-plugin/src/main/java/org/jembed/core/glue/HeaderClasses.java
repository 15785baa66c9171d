package org.jembed.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jembed.core.model.ApiModel;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.ViewNames;

/**
 * The Java class of each header's symbols: {@code plugin.h} is {@code plugin_h}, {@code /usr/include/lua5.4/lua.h}
 * is {@code lua_h} (jextract's convention). A declaration's constants, enumerators, variables and downcalls go into
 * the class of the header that declares it. Of two headers of the same name in different folders, the API header or
 * else the one with the shorter path keeps the name and the other takes its folder's name in front
 * ({@code cpython_longobject_h}), until the names differ; so does a header class named like a struct view.
 *
 * @param classes   header file, as the preprocessor names it, to simple class name
 * @param hostFiles the included headers that contribute something, in first-use order
 */
public record HeaderClasses(Map<String, String> classes, List<String> hostFiles) {

    /** The class of {@code file}; {@link JavaRenderer#constantsClass} for a file it was not built with. */
    public String of(String file) {
        return classes.getOrDefault(file, JavaRenderer.constantsClass(file));
    }

    /** The classes of the API header, the internal header and every included header the selection kept something of. */
    public static HeaderClasses of(ApiModel model, Optional<ApiModel> internal, ViewNames views) {
        Set<String> hosts = new LinkedHashSet<>();
        List<ApiModel> models = new ArrayList<>();
        models.add(model);
        internal.ifPresent(models::add);
        for (ApiModel m : models) {
            m.host().functions().stream().map(HostFunction::pos).forEach(p -> hosts.add(p.file()));
            m.host().variables().stream().map(GlobalDecl::pos).forEach(p -> hosts.add(p.file()));
        }
        model.constants().stream().map(ConstantDecl::pos).forEach(p -> hosts.add(p.file()));
        model.enums().stream().filter(e -> !e.values().isEmpty()).map(EnumDecl::pos).forEach(p -> hosts.add(p.file()));
        hosts.remove(model.headerName());
        internal.ifPresent(in -> hosts.remove(in.headerName()));

        List<String> files = new ArrayList<>();
        files.add(model.headerName());
        internal.ifPresent(in -> files.add(in.headerName()));
        files.addAll(hosts);
        Set<String> taken = new LinkedHashSet<>(views.names().values());
        Map<String, String> classes = new LinkedHashMap<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        files.forEach(f -> depth.put(f, 0));
        boolean clash = true;
        while (clash) {
            classes.clear();
            Map<String, List<String>> byName = new LinkedHashMap<>();
            for (String f : files) {
                String name = name(f, depth.get(f));
                classes.put(f, name);
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(f);
            }
            clash = false;
            for (var e : byName.entrySet()) {
                boolean withView = taken.contains(e.getKey());
                if (e.getValue().size() > 1 || withView) {
                    // the API header, else the shortest path (Python's longobject.h before cpython/longobject.h),
                    // keeps its name; the others move apart
                    List<String> clashing = new ArrayList<>(e.getValue());
                    clashing.sort(java.util.Comparator.comparing((String f) -> !f.equals(model.headerName()))
                            .thenComparingInt(String::length).thenComparing(f -> f));
                    for (String f : withView ? clashing : clashing.subList(1, clashing.size())) {
                        if (depth.get(f) < folders(f).size()) {
                            depth.merge(f, 1, Integer::sum);
                            clash = true;
                        }
                    }
                }
            }
        }
        return new HeaderClasses(Map.copyOf(classes), List.copyOf(hosts));
    }

    /** The class name of {@code file} with its {@code depth} innermost folder names in front. */
    private static String name(String file, int depth) {
        List<String> folders = folders(file);
        StringBuilder b = new StringBuilder();
        for (int i = folders.size() - depth; i < folders.size(); i++) {
            b.append(folders.get(i).replaceAll("[^A-Za-z0-9_]", "_")).append('_');
        }
        b.append(JavaRenderer.constantsClass(file));
        String name = b.toString();
        return Character.isJavaIdentifierStart(name.charAt(0)) ? name : "_" + name;
    }

    private static List<String> folders(String file) {
        List<String> out = new ArrayList<>();
        String[] parts = file.replace('\\', '/').split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                out.add(parts[i]);
            }
        }
        return out;
    }
}
