package org.jembed.core.dist;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Platform;

/**
 * The consumer bundle: what a C developer needs to build against a jembed library without Maven, laid out as an
 * install prefix and packed as a reproducible {@code tar.gz}:
 * <pre>
 * include/&lt;name&gt;.h                      the API header (and the local headers it includes)
 * lib/lib&lt;base&gt;.so                      the library (Linux; {@code lib<base>.dylib} on macOS); its file name is its SONAME,
 *                                        or with a version: lib&lt;base&gt;.so.1.5.2 and the links lib&lt;base&gt;.so.1, lib&lt;base&gt;.so
 * bin/&lt;base&gt;.dll + lib/lib&lt;base&gt;.dll.a   Windows: the DLL (where programs find it: beside them or on PATH) and
 *                                        its import library
 * lib/lib&lt;base&gt;.a                       the static archive, when one was built
 * lib/jre/                               the bundled Java runtime, when one was built (beside the library)
 * lib/lib&lt;name&gt;.&lt;hash&gt;.aot             the start-up cache, when one was built and no runtime is bundled
 * lib/pkgconfig/&lt;name&gt;.pc                pkg-config file, relocatable (${pcfiledir})
 * lib/cmake/&lt;name&gt;/&lt;name&gt;Config.cmake    CMake package: imported target &lt;name&gt;::&lt;name&gt;
 * lib/cmake/&lt;name&gt;/&lt;name&gt;ConfigVersion.cmake
 * </pre>
 * File names and link options come from the target platform ({@link LibraryFiles}, {@link Platform}). Stateless;
 * {@link #write} is the stage.
 */
public final class Bundle {

    /**
     * What goes into the bundle.
     *
     * @param name          the library name (a C identifier): the pkg-config and CMake package name
     * @param version       the project version, e.g. {@code 1.0-SNAPSHOT} (CMake gets its numeric part, {@code 1.0})
     * @param description   one line for the pkg-config file
     * @param header        the API header
     * @param files         the library's file names on its platform
     * @param library       the built library file, e.g. {@code target/libmy_plugin.so}
     * @param importLibrary the built import library (Windows), if any
     * @param staticLibrary {@code lib<base>.a}, if built
     * @param runtime       a Java runtime image to put at {@code jre/} beside the library, if built
     * @param startupCache  the library's start-up cache ({@code lib<name>.<hash>.aot}), to put beside the library
     *                      when there is no bundled runtime (the library uses it only with the build JDK's libjvm)
     * @param directory     where to lay the bundle out, e.g. {@code target/dist} (what is not the bundle's is removed)
     * @param archive       the {@code tar.gz} to write
     * @param timestamp     the modification time of every archive entry ({@code project.build.outputTimestamp})
     * @param topDirectory  the archive's single top folder, e.g. {@code my-plugin-1.0-SNAPSHOT}
     */
    public record Request(String name, String version, String description, Path header, LibraryFiles files,
                          Path library, Optional<Path> importLibrary, Optional<Path> staticLibrary,
                          Optional<Path> runtime, Optional<Path> startupCache, Path directory, Path archive,
                          Instant timestamp, String topDirectory) {}

    /**
     * What was written.
     *
     * @param directory the laid-out bundle
     * @param archive   the {@code tar.gz}
     * @param headers   the headers copied to {@code include/}, relative to it
     */
    public record Result(Path directory, Path archive, List<Path> headers) {}

    private static final Pattern LOCAL_INCLUDE = Pattern.compile("^\\s*#\\s*include\\s*\"([^\"]+)\"", Pattern.MULTILINE);

    private Bundle() {
    }

    /** The bundle's folder of the shared library: {@code bin} for a DLL, else {@code lib}. */
    static String libraryFolder(LibraryFiles files) {
        return files.importLibrary().isPresent() ? "bin" : "lib";
    }

    /**
     * Lays the bundle out and packs it; on failure the half-written folder is removed.
     *
     * @throws IOException when a file cannot be read or written, or a header includes a local header outside its
     *                     own folder (which the bundle could not carry with the same {@code #include} line)
     */
    public static Result write(Request r) throws IOException {
        // Laid out afresh beside the bundle, then only what changed is copied over and only a changed archive is
        // replaced: an unchanged build leaves the bundle's files and the archive as they were, times included.
        Path staging = r.directory().resolveSibling("." + r.directory().getFileName() + ".new");
        try {
            deleteTree(staging);
            List<Path> headers = layOut(r, staging);
            sync(staging, r.directory());
            deleteTree(staging);
            Path packed = r.archive().resolveSibling("." + r.archive().getFileName() + ".new");
            pack(r.directory(), r.topDirectory(), packed, r.timestamp());
            if (Files.isRegularFile(r.archive()) && Files.mismatch(packed, r.archive()) == -1) {
                Files.delete(packed);
            } else {
                Files.move(packed, r.archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Result(r.directory(), r.archive(), headers);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            Files.deleteIfExists(r.archive().resolveSibling("." + r.archive().getFileName() + ".new"));
            deleteTree(r.directory());
            Files.deleteIfExists(r.archive());
            throw e;
        }
    }

    /**
     * Makes {@code to} hold exactly what {@code from} holds: a file with other bytes or permissions, or a link to
     * elsewhere, is replaced; what {@code from} lacks is removed; the rest is left alone.
     */
    static void sync(Path from, Path to) throws IOException {
        Set<Path> wanted = new java.util.HashSet<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(from)) {
            sources = walk.sorted(Comparator.comparing(p -> from.relativize(p).toString())).toList();
        }
        for (Path p : sources) {
            Path target = to.resolve(from.relativize(p).toString());
            wanted.add(target);
            if (Files.isSymbolicLink(p)) {
                Path link = Files.readSymbolicLink(p);
                if (!Files.isSymbolicLink(target) || !Files.readSymbolicLink(target).equals(link)) {
                    deleteTree(target);
                    Files.createSymbolicLink(target, link);
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(target);
                    Files.createDirectories(target);
                }
            } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.mismatch(p, target) != -1
                    || executable(p) != executable(target)) {
                deleteTree(target);
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
        List<Path> present;
        try (Stream<Path> walk = Files.walk(to)) {
            present = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : present) {
            if (!wanted.contains(p)) {
                deleteTree(p);
            }
        }
    }

    private static List<Path> layOut(Request r, Path directory) throws IOException {
        Path include = Files.createDirectories(directory.resolve("include"));
        Path lib = Files.createDirectories(directory.resolve("lib"));
        Path libraryDir = Files.createDirectories(directory.resolve(libraryFolder(r.files())));
        List<Path> headers = copyHeaders(r.header(), include);
        Files.copy(r.library(), libraryDir.resolve(r.files().file()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        for (LibraryFiles.Symlink link : r.files().symlinks()) {
            Files.createSymbolicLink(libraryDir.resolve(link.name()), Path.of(link.target()));
        }
        if (r.importLibrary().isPresent() && r.files().importLibrary().isPresent()) {
            Files.copy(r.importLibrary().get(), lib.resolve(r.files().importLibrary().get()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (r.staticLibrary().isPresent()) {
            Files.copy(r.staticLibrary().get(), lib.resolve(r.files().staticLibrary()), StandardCopyOption.REPLACE_EXISTING);
        }
        if (r.runtime().isPresent()) {
            copyTree(r.runtime().get(), libraryDir.resolve("jre"));
        } else if (r.startupCache().isPresent()) {
            Path cache = r.startupCache().get();
            Files.copy(cache, libraryDir.resolve(cache.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(Files.createDirectories(lib.resolve("pkgconfig")).resolve(r.name() + ".pc"), pkgConfig(r));
        Path cmake = Files.createDirectories(lib.resolve("cmake").resolve(r.name()));
        Files.writeString(cmake.resolve(r.name() + "Config.cmake"), cmakeConfig(r));
        Files.writeString(cmake.resolve(r.name() + "ConfigVersion.cmake"), cmakeVersionFile(cmakeVersion(r.version())));
        return headers;
    }

    /** The numeric part of a Maven version, for CMake: {@code 1.2.3-SNAPSHOT} → {@code 1.2.3}; {@code 0} if none. */
    public static String cmakeVersion(String mavenVersion) {
        Matcher m = Pattern.compile("^\\d+(\\.\\d+){0,3}").matcher(mavenVersion);
        return m.find() ? m.group() : "0";
    }

    /** The API header and, transitively, every {@code #include "..."} found beside it. */
    static List<Path> copyHeaders(Path header, Path include) throws IOException {
        Path root = header.toAbsolutePath().normalize().getParent();
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> todo = new ArrayList<>(List.of(header.toAbsolutePath().normalize()));
        while (!todo.isEmpty()) {
            Path h = todo.remove(todo.size() - 1);
            if (!seen.add(h)) {
                continue;
            }
            Matcher m = LOCAL_INCLUDE.matcher(Files.readString(h, StandardCharsets.UTF_8));
            while (m.find()) {
                Path dep = h.getParent().resolve(m.group(1)).normalize();
                if (Files.isRegularFile(dep)) {
                    if (!dep.startsWith(root)) {
                        throw new IOException(header + " includes \"" + m.group(1) + "\", outside " + root
                                + ": the consumer bundle carries only headers below the API header's folder");
                    }
                    todo.add(dep);
                }
            }
        }
        List<Path> copied = new ArrayList<>();
        for (Path h : seen) {
            Path rel = root.relativize(h);
            Files.createDirectories(include.resolve(rel).getParent());
            Files.copy(h, include.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
            copied.add(rel);
        }
        return copied;
    }

    static String pkgConfig(Request r) {
        LibraryFiles f = r.files();
        Platform p = f.platform();
        boolean rpath = p.originToken().isPresent();
        String privateLibs = String.join(" ", p.systemLibraries());
        return "# pkg-config file of " + f.file() + " (generated by jembed). Relocatable: paths are relative to\n"
                + (rpath ? "# this file. The rpath lets programs find " + f.linkName() + " where this bundle lies.\n"
                         : "# this file. A program finds " + f.file() + " beside itself or on PATH (bin/ of this bundle).\n")
                + "prefix=${pcfiledir}/../..\n"
                + "libdir=${prefix}/lib\n"
                + "includedir=${prefix}/include\n\n"
                + "Name: " + r.name() + "\n"
                + "Description: " + r.description().replaceAll("\\s+", " ").strip() + "\n"
                + "Version: " + r.version() + "\n"
                + "Cflags: -I${includedir}\n"
                + "Libs: -L${libdir}" + (rpath ? " -Wl,-rpath,${libdir}" : "") + " " + f.linkFlag() + "\n"
                + (privateLibs.isEmpty() ? "" : "Libs.private: " + privateLibs + "\n");
    }

    static String cmakeConfig(Request r) {
        String n = r.name();
        LibraryFiles f = r.files();
        Platform p = f.platform();
        String prefix = "${_" + n + "_prefix}";
        StringBuilder sb = new StringBuilder();
        sb.append("# CMake package of ").append(f.file()).append(" (generated by jembed): find_package(").append(n)
                .append(") defines the imported target ").append(n).append("::").append(n).append(".\n")
                .append("# Relocatable: paths are relative to this file.\n")
                .append("get_filename_component(_").append(n).append("_prefix \"${CMAKE_CURRENT_LIST_DIR}/../../..\" ABSOLUTE)\n")
                .append("if(NOT TARGET ").append(n).append("::").append(n).append(")\n")
                .append("  add_library(").append(n).append("::").append(n).append(" SHARED IMPORTED)\n")
                .append("  set_target_properties(").append(n).append("::").append(n).append(" PROPERTIES\n")
                .append("    IMPORTED_LOCATION \"").append(prefix).append("/").append(libraryFolder(f)).append("/")
                .append(f.file()).append("\"\n");
        if (f.importLibrary().isPresent()) {
            sb.append("    IMPORTED_IMPLIB \"").append(prefix).append("/lib/").append(f.importLibrary().get()).append("\"\n");
        } else {
            sb.append("    IMPORTED_SONAME \"").append(p.os() == Platform.Os.OSX ? "@rpath/" : "").append(f.linkName())
                    .append("\"\n");
        }
        sb.append("    INTERFACE_INCLUDE_DIRECTORIES \"").append(prefix).append("/include\")\n")
                .append("endif()\n");
        if (r.staticLibrary().isPresent()) {
            String system = String.join(";", p.systemLibraries().stream().map(l -> l.substring(2)).toList());
            sb.append("if(NOT TARGET ").append(n).append("::").append(n).append("_static)\n")
                    .append("  add_library(").append(n).append("::").append(n).append("_static STATIC IMPORTED)\n")
                    .append("  set_target_properties(").append(n).append("::").append(n).append("_static PROPERTIES\n")
                    .append("    IMPORTED_LOCATION \"").append(prefix).append("/lib/").append(f.staticLibrary()).append("\"\n")
                    .append("    INTERFACE_INCLUDE_DIRECTORIES \"").append(prefix).append("/include\"");
            if (!system.isEmpty()) {
                sb.append("\n    INTERFACE_LINK_LIBRARIES \"").append(system).append("\"");
            }
            sb.append(")\nendif()\n");
        }
        sb.append("set(").append(n).append("_FOUND TRUE)\n");
        return sb.toString();
    }

    static String cmakeVersionFile(String version) {
        return "# Version file of the CMake package (generated by jembed): same major version is compatible.\n"
                + "set(PACKAGE_VERSION \"" + version + "\")\n"
                + "if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)\n"
                + "  set(PACKAGE_VERSION_COMPATIBLE FALSE)\n"
                + "else()\n"
                + "  string(REGEX MATCH \"^[0-9]+\" _major \"${PACKAGE_VERSION}\")\n"
                + "  if(PACKAGE_FIND_VERSION_MAJOR STREQUAL \"\" OR PACKAGE_FIND_VERSION_MAJOR STREQUAL _major)\n"
                + "    set(PACKAGE_VERSION_COMPATIBLE TRUE)\n"
                + "  else()\n"
                + "    set(PACKAGE_VERSION_COMPATIBLE FALSE)\n"
                + "  endif()\n"
                + "  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)\n"
                + "    set(PACKAGE_VERSION_EXACT TRUE)\n"
                + "  endif()\n"
                + "endif()\n";
    }

    /**
     * Packs {@code dir} under the top folder {@code top}: entries in name order, owned by 0:0, dated
     * {@code timestamp}, modes from the files (0755 or 0644), gzip header without name or time, so equal trees give
     * equal bytes.
     */
    static void pack(Path dir, String top, Path archive, Instant timestamp) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        }
        Files.createDirectories(archive.toAbsolutePath().getParent());
        GzipParameters gz = new GzipParameters();
        gz.setModificationTime(0);
        gz.setCompressionLevel(9);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive));
             GzipCompressorOutputStream zip = new GzipCompressorOutputStream(file, gz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(zip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.putArchiveEntry(entry(top + "/", TarArchiveEntry.DEFAULT_DIR_MODE, timestamp));
            tar.closeArchiveEntry();
            for (Path p : paths) {
                String name = top + "/" + dir.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                    owned(e, timestamp);
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                } else if (Files.isDirectory(p)) {
                    tar.putArchiveEntry(entry(name + "/", 0755, timestamp));
                    tar.closeArchiveEntry();
                } else {
                    TarArchiveEntry e = entry(name, executable(p) ? 0755 : 0644, timestamp);
                    e.setSize(Files.size(p));
                    tar.putArchiveEntry(e);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
    }

    private static TarArchiveEntry entry(String name, int mode, Instant timestamp) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode((name.endsWith("/") ? 040000 : 0100000) | mode);
        owned(e, timestamp);
        return e;
    }

    private static void owned(TarArchiveEntry e, Instant timestamp) {
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(timestamp.toEpochMilli());
    }

    private static boolean executable(Path p) throws IOException {
        try {
            return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            String name = p.getFileName().toString();
            return Platform.KNOWN.stream().anyMatch(platform -> name.endsWith(platform.sharedSuffix()));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Deletes {@code dir} and everything below it, without following links; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
