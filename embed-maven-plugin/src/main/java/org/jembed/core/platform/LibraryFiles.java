package org.jembed.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one shared library on one platform, as names relative to the directory that holds them
 * ({@code target/}, or {@code lib/} and {@code bin/} of the consumer bundle):
 * <pre>
 *                          file                    linkName          symlinks (name → target)                 importLibrary
 * linux                    lib&lt;b&gt;.so               lib&lt;b&gt;.so         -                                        -
 * linux, version 1.5.2     lib&lt;b&gt;.so.1.5.2         lib&lt;b&gt;.so.1       lib&lt;b&gt;.so.1 → lib&lt;b&gt;.so.1.5.2,          -
 *                                                                    lib&lt;b&gt;.so → lib&lt;b&gt;.so.1
 * windows                  &lt;b&gt;.dll                 &lt;b&gt;.dll           -                                        lib&lt;b&gt;.dll.a
 * windows, version 1.5.2   &lt;b&gt;-1.dll               &lt;b&gt;-1.dll         -                                        lib&lt;b&gt;.dll.a
 * osx                      lib&lt;b&gt;.dylib            lib&lt;b&gt;.dylib      -                                        -
 * osx, version 1.5.2       lib&lt;b&gt;.1.dylib          lib&lt;b&gt;.1.dylib    lib&lt;b&gt;.dylib → lib&lt;b&gt;.1.dylib            -
 * </pre>
 * {@code linkName} is what a consumer's program records: the ELF SONAME (its NEEDED entry), the Mach-O install name
 * ({@code @rpath/<linkName>}), the DLL's name in the import library. A consumer links with {@code -l<b>} on every
 * platform: through the development symlink {@code lib<b>.so} or {@code lib<b>.dylib}, or the import library. A
 * Windows version goes into the DLL's name as libtool does ({@code <b>-<major>.dll}), so two incompatible versions
 * can sit side by side; the import library keeps the plain name.
 *
 * @param platform      the platform
 * @param base          the base name, e.g. {@code plugin-1.5}: {@code -l<base>} links it
 * @param version       the library version, if any
 * @param file          the library file itself
 * @param linkName      the name consumers' programs record
 * @param symlinks      the symbolic links beside the file, in creation order (a link's target may be an earlier link)
 * @param importLibrary the import library for consumers (Windows), if any
 */
public record LibraryFiles(Platform platform, String base, Optional<LibraryVersion> version, String file,
                           String linkName, List<Symlink> symlinks, Optional<String> importLibrary) {

    /**
     * A symbolic link.
     *
     * @param name   the link's file name
     * @param target the file name it points to (relative, in the same directory)
     */
    public record Symlink(String name, String target) {}

    /** A shared library's base name: letters, digits and {@code . _ - +}, starting with a letter, digit or {@code _}. */
    public static final String BASE_NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9._+-]*";

    /**
     * Checks a base name ({@code <libraryFileName>}).
     *
     * @return {@code base}
     * @throws IllegalArgumentException naming the allowed characters and a corrected name
     */
    public static String requireBaseName(String base) {
        if (!base.matches(BASE_NAME_PATTERN) || base.length() > 200) {
            String fixed = base.replaceAll("[^A-Za-z0-9._+-]", "_").replaceFirst("^[.+-]", "_");
            throw new IllegalArgumentException("a library file name is letters, digits and '._-+' (no path, no 'lib'"
                    + " prefix, no suffix), got '" + base + "'; e.g. '" + (fixed.isEmpty() ? "plugin" : fixed) + "'");
        }
        return base;
    }

    static LibraryFiles of(Platform p, String base, Optional<LibraryVersion> version) {
        requireBaseName(base);
        String plain = p.sharedLibrary(base);
        if (version.isEmpty()) {
            Optional<String> implib = p.os() == Platform.Os.WINDOWS ? Optional.of("lib" + base + ".dll.a") : Optional.empty();
            return new LibraryFiles(p, base, version, plain, plain, List.of(), implib);
        }
        LibraryVersion v = version.get();
        return switch (p.os()) {
            case LINUX -> {
                String soname = plain + "." + v.major();
                String file = plain + "." + v.text();
                List<Symlink> links = new ArrayList<>();
                if (!soname.equals(file)) {
                    links.add(new Symlink(soname, file));
                }
                links.add(new Symlink(plain, soname));
                yield new LibraryFiles(p, base, version, file, soname, List.copyOf(links), Optional.empty());
            }
            case OSX -> {
                String file = "lib" + base + "." + v.major() + ".dylib";
                yield new LibraryFiles(p, base, version, file, file, List.of(new Symlink(plain, file)), Optional.empty());
            }
            case WINDOWS -> {
                String file = base + "-" + v.major() + ".dll";
                yield new LibraryFiles(p, base, version, file, file, List.of(), Optional.of("lib" + base + ".dll.a"));
            }
        };
    }

    static LibraryFiles exact(Platform p, String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (!fileName.matches(BASE_NAME_PATTERN) || fileName.length() > 200 || dot <= 0 || dot == fileName.length() - 1) {
            String fixed = fileName.replaceAll("[^A-Za-z0-9._+-]", "_");
            throw new IllegalArgumentException("the whole file name of the library is letters, digits and '._-+' with a"
                    + " suffix (no path), got '" + fileName + "'; e.g. '" + (fixed.contains(".") ? fixed : fixed + ".so") + "'");
        }
        String stem = fileName.substring(0, dot);
        Optional<String> implib = p.os() == Platform.Os.WINDOWS ? Optional.of("lib" + stem + ".dll.a") : Optional.empty();
        return new LibraryFiles(p, stem, Optional.empty(), fileName, fileName, List.of(), implib);
    }

    /** {@code -l<base>}: how a consumer links against the library. */
    public String linkFlag() {
        return "-l" + base;
    }

    /** The static archive of the same objects: {@code lib<base>.a}. */
    public String staticLibrary() {
        return platform.staticLibrary(base);
    }
}
