package org.jembed.core.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kr.motd.maven.os.Detector;
import kr.motd.maven.os.FileOperationProvider;
import kr.motd.maven.os.SystemPropertyOperationProvider;

/**
 * A platform a jembed library is built for: an operating system and an architecture, spelled as os-maven-plugin
 * spells them ({@code os.detected.name}, {@code os.detected.arch}, {@code os.detected.classifier}), so jembed's
 * classifiers match what other Maven builds (protobuf, netty, grpc) attach. The one place that knows what differs
 * between platforms at build time: file names, link options, the "beside me" search path, where a JDK keeps its JNI
 * headers and its libjvm, the cross tools' names, and the system libraries to link. Nothing else in the build
 * spells a suffix, an rpath or a libjvm path.
 *
 * <p>Sources: the ELF gABI and {@code ld(1)} ({@code -soname}, {@code $ORIGIN}); Apple's {@code ld(1)} and
 * {@code dyld(1)} ({@code -install_name}, {@code @loader_path}, {@code @rpath}); the MinGW-w64 {@code ld} manual
 * ({@code --out-implib}; a DLL's dependencies are searched in the directory of the module that loads them first);
 * the JDK's {@code include/<os>/jni_md.h} layout and {@code lib/server/} (Linux, macOS) or {@code bin/server/}
 * (Windows) for the JVM.
 *
 * @param os   the operating system
 * @param arch the architecture
 */
public record Platform(Os os, Arch arch) {

    /** An operating system, with os-maven-plugin's name. */
    public enum Os {
        /** Linux (glibc): ELF, {@code lib<n>.so}, {@code $ORIGIN}. */
        LINUX("linux", "linux"),
        /** Windows (MinGW-w64 toolchain): PE/COFF, {@code <n>.dll} and the import library {@code lib<n>.dll.a}. */
        WINDOWS("windows", "win32"),
        /** macOS: Mach-O, {@code lib<n>.dylib}, {@code @loader_path}. Designed, never run by jembed's tests. */
        OSX("osx", "darwin");

        private final String detectedName;
        private final String jniDirectory;

        Os(String detectedName, String jniDirectory) {
            this.detectedName = detectedName;
            this.jniDirectory = jniDirectory;
        }

        /** os-maven-plugin's name, e.g. {@code linux}, {@code windows}, {@code osx}. */
        public String detectedName() {
            return detectedName;
        }

        /** The JDK's platform subdirectory of {@code include/} holding {@code jni_md.h}: {@code linux}, {@code win32}, {@code darwin}. */
        public String jniDirectory() {
            return jniDirectory;
        }
    }

    /** An architecture, with os-maven-plugin's name. */
    public enum Arch {
        /** x86-64 (AMD64). */
        X86_64("x86_64", "x86_64", "qemu-x86_64"),
        /** AArch64 (ARM64). */
        AARCH_64("aarch_64", "aarch64", "qemu-aarch64"),
        /** 64-bit RISC-V (Linux only). */
        RISCV64("riscv64", "riscv64", "qemu-riscv64"),
        /** 64-bit little-endian POWER (Linux only). */
        PPCLE_64("ppcle_64", "powerpc64le", "qemu-ppc64le");

        private final String detectedName;
        private final String gnuName;
        private final String qemu;

        Arch(String detectedName, String gnuName, String qemu) {
            this.detectedName = detectedName;
            this.gnuName = gnuName;
            this.qemu = qemu;
        }

        /** os-maven-plugin's name, e.g. {@code x86_64}, {@code aarch_64}. */
        public String detectedName() {
            return detectedName;
        }

        /** The GNU triplet's first part, e.g. {@code aarch64}. */
        public String gnuName() {
            return gnuName;
        }
    }

    /** linux-x86_64. */
    public static final Platform LINUX_X86_64 = new Platform(Os.LINUX, Arch.X86_64);
    /** linux-aarch_64. */
    public static final Platform LINUX_AARCH_64 = new Platform(Os.LINUX, Arch.AARCH_64);
    /** windows-x86_64. */
    public static final Platform WINDOWS_X86_64 = new Platform(Os.WINDOWS, Arch.X86_64);
    /** osx-x86_64. */
    public static final Platform OSX_X86_64 = new Platform(Os.OSX, Arch.X86_64);
    /** osx-aarch_64. */
    public static final Platform OSX_AARCH_64 = new Platform(Os.OSX, Arch.AARCH_64);

    /** linux-riscv64: built and linked by jembed's checks, not run. */
    public static final Platform LINUX_RISCV64 = new Platform(Os.LINUX, Arch.RISCV64);
    /** linux-ppcle_64: built and linked by jembed's checks, not run. */
    public static final Platform LINUX_PPCLE_64 = new Platform(Os.LINUX, Arch.PPCLE_64);

    /** Every platform jembed knows, in the order its documentation lists them. */
    public static final List<Platform> KNOWN = List.of(LINUX_X86_64, LINUX_AARCH_64, WINDOWS_X86_64, OSX_X86_64,
            OSX_AARCH_64, LINUX_RISCV64, LINUX_PPCLE_64);

    /** {@code <os>-<arch>}, e.g. {@code linux-x86_64}: the Maven classifier of the library. */
    public String classifier() {
        return os.detectedName() + "-" + arch.detectedName();
    }

    @Override
    public String toString() {
        return classifier();
    }

    /**
     * The platform of a classifier such as {@code linux-aarch_64} (os-maven-plugin's spelling; {@code aarch64},
     * {@code amd64}, {@code macos} and {@code win} are not accepted: one name per platform).
     *
     * @throws IllegalArgumentException naming the known platforms when {@code classifier} is none of them
     */
    public static Platform parse(String classifier) {
        for (Platform p : KNOWN) {
            if (p.classifier().equals(classifier.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + classifier + "'; known: "
                + String.join(", ", KNOWN.stream().map(Platform::classifier).toList()));
    }

    // ---- file names ------------------------------------------------------------------------------------------

    /** What a shared library's file name starts with: {@code lib}, or nothing on Windows. */
    public String sharedPrefix() {
        return os == Os.WINDOWS ? "" : "lib";
    }

    /** A shared library's extension: {@code .so}, {@code .dll}, {@code .dylib}. */
    public String sharedSuffix() {
        return switch (os) {
            case LINUX -> ".so";
            case WINDOWS -> ".dll";
            case OSX -> ".dylib";
        };
    }

    /** The shared library file of an unversioned library: {@code lib<base>.so}, {@code <base>.dll}, {@code lib<base>.dylib}. */
    public String sharedLibrary(String base) {
        return sharedPrefix() + base + sharedSuffix();
    }

    /** The static archive: {@code lib<base>.a} on every platform (MinGW's {@code ar} writes the same format). */
    public String staticLibrary(String base) {
        return "lib" + base + ".a";
    }

    /** The Maven extension (artifact type) of the attached library: {@code so}, {@code dll}, {@code dylib}. */
    public String artifactExtension() {
        return sharedSuffix().substring(1);
    }

    /** What a C program's file name ends with: {@code .exe} on Windows, else nothing. */
    public String executableSuffix() {
        return os == Os.WINDOWS ? ".exe" : "";
    }

    /**
     * Every file of library {@code base} on this platform, with its version if any.
     *
     * @param base    the file base name, e.g. {@code plugin-1.5} (see {@link LibraryFiles#requireBaseName})
     * @param version the library's version ({@code <libraryVersion>}), if the pom gives one
     */
    public LibraryFiles files(String base, Optional<LibraryVersion> version) {
        return LibraryFiles.of(this, base, version);
    }

    /**
     * The files of a library whose whole file name a host fixes ({@code jstr.so}, {@code pam_java.so}): no prefix or
     * suffix is added, the SONAME (install name, DLL name) is the same name, and there are no symbolic links.
     *
     * @throws IllegalArgumentException when {@code fileName} is not a plain file name
     */
    public LibraryFiles exactFile(String fileName) {
        return LibraryFiles.exact(this, fileName);
    }

    // ---- the "beside me" path and libjvm ----------------------------------------------------------------------

    /**
     * The token a library's run-time search path uses for "the directory of this library": {@code $ORIGIN} (ELF),
     * {@code @loader_path} (Mach-O); empty on Windows, where a DLL's dependencies are searched in the directory of
     * the DLL that loads them without any path in the file (the C runtime takes its own directory from its module
     * handle).
     */
    public Optional<String> originToken() {
        return switch (os) {
            case LINUX -> Optional.of("$ORIGIN");
            case OSX -> Optional.of("@loader_path");
            case WINDOWS -> Optional.empty();
        };
    }

    /**
     * Where the JVM library lies inside a Java home (a JDK, or the {@code Contents/Home} folder of a macOS JDK
     * bundle): {@code lib/server/libjvm.so}, {@code bin/server/jvm.dll}, {@code lib/server/libjvm.dylib}.
     */
    public String libjvmPath() {
        return switch (os) {
            case LINUX -> "lib/server/libjvm.so";
            case WINDOWS -> "bin/server/jvm.dll";
            case OSX -> "lib/server/libjvm.dylib";
        };
    }

    /** The directories of a Java home that hold its native libraries: {@code lib/} and {@code lib/server/}, on Windows {@code bin/} and {@code bin/server/}. */
    public List<String> jdkLibraryDirectories() {
        return os == Os.WINDOWS ? List.of("bin", "bin/server") : List.of("lib", "lib/server");
    }

    /** The JDK's {@code include/} subdirectory of this platform's {@code jni_md.h}: {@code linux}, {@code win32}, {@code darwin}. */
    public String jniIncludeDirectory() {
        return os.jniDirectory();
    }

    // ---- compile and link -------------------------------------------------------------------------------------

    /**
     * Options every compile of the library gets besides jembed's common ones: position-independent code and hidden
     * symbols unless exported ({@code -fPIC -fvisibility=hidden}); nothing on Windows, where code in a DLL is
     * relocated by the loader and a symbol is exported only by {@code __declspec(dllexport)}.
     */
    public List<String> libraryCompileOptions() {
        return os == Os.WINDOWS ? List.of() : List.of("-fPIC", "-fvisibility=hidden");
    }

    /**
     * The link options that make {@code files} a shared library, before the objects: {@code -shared}, the name
     * consumers record (SONAME, install name), the "beside me" search path, and no undefined symbols; on Windows the
     * import library for consumers, a static libgcc (no {@code libgcc_s_seh-1.dll} to ship) and only what is marked
     * {@code __declspec(dllexport)} exported.
     *
     * @param files     the library's files (names relative to the output directory)
     * @param outputDir where the library and its import library are written
     */
    public List<String> sharedLinkOptions(LibraryFiles files, Path outputDir) {
        return sharedLinkOptions(files, outputDir, false);
    }

    /**
     * As {@link #sharedLinkOptions(LibraryFiles, Path)}; with {@code hostProvidesSymbols}, undefined symbols are left
     * for the program that loads the library (no {@code -z defs}; {@code -undefined dynamic_lookup} on macOS). A DLL
     * must resolve every symbol at link time: on Windows nothing changes (link the host's import library).
     */
    public List<String> sharedLinkOptions(LibraryFiles files, Path outputDir, boolean hostProvidesSymbols) {
        List<String> options = new ArrayList<>();
        switch (os) {
            case LINUX -> {
                options.addAll(List.of("-shared", "-Wl,-soname," + files.linkName(), "-Wl,-rpath,$ORIGIN"));
                if (!hostProvidesSymbols) {
                    options.add("-Wl,-z,defs");
                }
                options.add("-Wl,--as-needed");
            }
            case WINDOWS -> {
                // --exclude-all-symbols: ld exports every symbol of a DLL in which nothing is dllexport'ed; never here.
                options.addAll(List.of("-shared", "-static-libgcc", "-Wl,--no-undefined", "-Wl,--exclude-all-symbols"));
                files.importLibrary().ifPresent(implib -> options.add("-Wl,--out-implib,"
                        + outputDir.resolve(implib).toAbsolutePath()));
            }
            case OSX -> {
                options.addAll(List.of("-dynamiclib", "-Wl,-install_name,@rpath/" + files.linkName(),
                        "-Wl,-rpath,@loader_path", hostProvidesSymbols ? "-Wl,-undefined,dynamic_lookup" : "-Wl,-undefined,error"));
                files.version().ifPresent(v -> options.addAll(List.of(
                        "-Wl,-compatibility_version," + v.major() + ".0.0", "-Wl,-current_version," + v.text())));
            }
        }
        return options;
    }

    /**
     * The system libraries the library (and a program linking its static archive) needs, after the objects:
     * {@code -ldl -lpthread} on Linux; nothing on Windows ({@code kernel32} is linked by default) and macOS
     * ({@code libSystem} has both).
     */
    public List<String> systemLibraries() {
        return os == Os.LINUX ? List.of("-ldl", "-lpthread") : List.of();
    }

    /**
     * The options that let a test program find library {@code libDir}'s libraries at run time: an rpath to it, or
     * nothing on Windows (the runner puts the DLL beside the program instead).
     */
    public List<String> programRpath(Path libDir) {
        return os == Os.WINDOWS ? List.of() : List.of("-Wl,-rpath," + libDir.toAbsolutePath());
    }

    // ---- cross tools -------------------------------------------------------------------------------------------

    /**
     * The GNU tool prefix of this platform's cross toolchain on a Debian machine, e.g. {@code aarch64-linux-gnu-}
     * ({@code aarch64-linux-gnu-gcc}, {@code -nm}, {@code -objdump}, {@code -ar}), {@code x86_64-w64-mingw32-};
     * empty for macOS, which has no such convention (set {@code <compiler>}, e.g. osxcross's
     * {@code o64-clang}).
     */
    public Optional<String> crossPrefix() {
        return switch (os) {
            case LINUX -> Optional.of(arch.gnuName() + "-linux-gnu-");
            case WINDOWS -> Optional.of(arch.gnuName() + "-w64-mingw32-");
            case OSX -> Optional.empty();
        };
    }

    /** The Debian package of this platform's cross C compiler, e.g. {@code gcc-aarch64-linux-gnu}; empty for macOS. */
    public Optional<String> crossCompilerPackage() {
        return switch (os) {
            case LINUX -> Optional.of("gcc-" + arch.gnuName().replace('_', '-') + "-linux-gnu");
            case WINDOWS -> Optional.of("gcc-mingw-w64-" + arch.gnuName().replace('_', '-'));
            case OSX -> Optional.empty();
        };
    }

    /**
     * A command that runs this platform's programs on a Debian x86-64 machine, for {@code <testEmulator>}:
     * {@code qemu-aarch64 -L /usr/aarch64-linux-gnu} (package {@code qemu-user}, sysroot from
     * {@code libc6-dev-arm64-cross}), {@code wine}; empty when there is none (macOS, or x86-64 Linux itself).
     */
    public Optional<String> emulatorExample() {
        if (os == Os.WINDOWS) {
            return Optional.of("wine");
        }
        if (os == Os.LINUX && arch != Arch.X86_64) {
            return Optional.of(arch.qemu + " -L /usr/" + arch.gnuName() + "-linux-gnu");
        }
        return Optional.empty();
    }

    // ---- the build machine ---------------------------------------------------------------------------------------

    /**
     * The platform of this JVM, as os-maven-plugin's {@link Detector} (used as a library) names it.
     *
     * @throws IllegalStateException when the detector does not know the OS or architecture, or jembed does not
     *                               know the pair (e.g. {@code linux-ppcle_64})
     */
    public static Platform detect() {
        Properties props = new Properties();
        // The detector also publishes what it found as system properties; give it a view that keeps them local.
        SystemPropertyOperationProvider local = new SystemPropertyOperationProvider() {
            @Override public String getSystemProperty(String name) { return System.getProperty(name); }
            @Override public String getSystemProperty(String name, String def) { return System.getProperty(name, def); }
            @Override public String setSystemProperty(String name, String value) { return null; }
        };
        FileOperationProvider files = path -> Files.newInputStream(Path.of(path));
        new Detector(local, files) {
            {
                detect(props, List.of());
            }

            @Override
            protected void log(String message) {
            }

            @Override
            protected void logProperty(String name, String value) {
            }
        };
        String classifier = props.getProperty("os.detected.name", "unknown") + "-"
                + props.getProperty("os.detected.arch", "unknown");
        try {
            return parse(classifier);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("this machine's platform " + classifier + " (os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch")
                    + ") is not one jembed builds for", e);
        }
    }
}
