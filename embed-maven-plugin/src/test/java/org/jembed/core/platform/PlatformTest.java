package org.jembed.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What differs per platform at build time, answered by one model: names, link options, JDK layout, cross tools. */
class PlatformTest {
    private static final Path OUT = Path.of("/p/target");

    @Test
    void classifiersRoundTripInOsMavenPluginSpelling() {
        for (Platform p : Platform.KNOWN) {
            assertEquals(p, Platform.parse(p.classifier()));
        }
        assertEquals(List.of("linux-x86_64", "linux-aarch_64", "windows-x86_64", "osx-x86_64", "osx-aarch_64",
                "linux-riscv64", "linux-ppcle_64"),
                Platform.KNOWN.stream().map(Platform::classifier).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux-aarch64"));
        assertTrue(e.getMessage().contains("unknown platform 'linux-aarch64'; known: linux-x86_64, linux-aarch_64"),
                e.getMessage());
    }

    @Test
    void theBuildMachineIsLinuxX8664() {
        assertEquals(Platform.LINUX_X86_64, Platform.detect(), "jembed's CI runs on linux-x86_64");
    }

    @Test
    void fileNamesPerPlatform() {
        assertEquals("libplugin.so", Platform.LINUX_AARCH_64.sharedLibrary("plugin"));
        assertEquals("plugin.dll", Platform.WINDOWS_X86_64.sharedLibrary("plugin"));
        assertEquals("libplugin.dylib", Platform.OSX_AARCH_64.sharedLibrary("plugin"));
        assertEquals("libplugin.a", Platform.WINDOWS_X86_64.staticLibrary("plugin"));
        assertEquals(".exe", Platform.WINDOWS_X86_64.executableSuffix());
        assertEquals("", Platform.LINUX_X86_64.executableSuffix());
        assertEquals("dll", Platform.WINDOWS_X86_64.artifactExtension());
    }

    @Test
    void jdkLayoutPerPlatform() {
        assertEquals("lib/server/libjvm.so", Platform.LINUX_AARCH_64.libjvmPath());
        assertEquals("bin/server/jvm.dll", Platform.WINDOWS_X86_64.libjvmPath());
        assertEquals("lib/server/libjvm.dylib", Platform.OSX_X86_64.libjvmPath());
        assertEquals("linux", Platform.LINUX_X86_64.jniIncludeDirectory());
        assertEquals("win32", Platform.WINDOWS_X86_64.jniIncludeDirectory());
        assertEquals("darwin", Platform.OSX_AARCH_64.jniIncludeDirectory());
        assertEquals(List.of("bin", "bin/server"), Platform.WINDOWS_X86_64.jdkLibraryDirectories());
    }

    @Test
    void besideMeToken() {
        assertEquals(Optional.of("$ORIGIN"), Platform.LINUX_X86_64.originToken());
        assertEquals(Optional.of("@loader_path"), Platform.OSX_AARCH_64.originToken());
        assertEquals(Optional.empty(), Platform.WINDOWS_X86_64.originToken());
    }

    @Test
    void linuxLinkOptionsNameTheSonameAndOrigin() {
        LibraryFiles f = Platform.LINUX_X86_64.files("my_plugin", Optional.empty());
        assertEquals(List.of("-shared", "-Wl,-soname,libmy_plugin.so", "-Wl,-rpath,$ORIGIN", "-Wl,-z,defs",
                "-Wl,--as-needed"), Platform.LINUX_X86_64.sharedLinkOptions(f, OUT));
        assertEquals(List.of("-ldl", "-lpthread"), Platform.LINUX_AARCH_64.systemLibraries());
        assertEquals(List.of("-fPIC", "-fvisibility=hidden"), Platform.LINUX_AARCH_64.libraryCompileOptions());
    }

    @Test
    void windowsWritesAnImportLibraryAndNeedsNoSystemLibraries() {
        Platform w = Platform.WINDOWS_X86_64;
        LibraryFiles f = w.files("my_plugin", Optional.empty());
        assertEquals("my_plugin.dll", f.file());
        assertEquals(Optional.of("libmy_plugin.dll.a"), f.importLibrary());
        assertEquals(List.of("-shared", "-static-libgcc", "-Wl,--no-undefined", "-Wl,--exclude-all-symbols",
                "-Wl,--out-implib,/p/target/libmy_plugin.dll.a"),
                w.sharedLinkOptions(f, OUT));
        assertEquals(List.of(), w.systemLibraries());
        assertEquals(List.of(), w.libraryCompileOptions());
        assertEquals(List.of(), w.programRpath(OUT));
    }

    @Test
    void macosUsesAnRpathInstallNameAndLoaderPath() {
        Platform m = Platform.OSX_AARCH_64;
        LibraryFiles f = m.files("p", Optional.of(LibraryVersion.parse("1.5.2")));
        assertEquals("libp.1.dylib", f.file());
        assertEquals(List.of(new LibraryFiles.Symlink("libp.dylib", "libp.1.dylib")), f.symlinks());
        assertEquals(List.of("-dynamiclib", "-Wl,-install_name,@rpath/libp.1.dylib", "-Wl,-rpath,@loader_path",
                "-Wl,-undefined,error", "-Wl,-compatibility_version,1.0.0", "-Wl,-current_version,1.5.2"),
                m.sharedLinkOptions(f, OUT));
    }

    @Test
    void linuxVersionFollowsTheSonameConvention() {
        LibraryFiles f = Platform.LINUX_X86_64.files("plugin", Optional.of(LibraryVersion.parse("1.5.2")));
        assertEquals("libplugin.so.1.5.2", f.file());
        assertEquals("libplugin.so.1", f.linkName());
        assertEquals(List.of(new LibraryFiles.Symlink("libplugin.so.1", "libplugin.so.1.5.2"),
                new LibraryFiles.Symlink("libplugin.so", "libplugin.so.1")), f.symlinks());
        assertEquals("-lplugin", f.linkFlag());
        assertTrue(Platform.LINUX_X86_64.sharedLinkOptions(f, OUT).contains("-Wl,-soname,libplugin.so.1"));
        LibraryFiles major = Platform.LINUX_X86_64.files("plugin", Optional.of(LibraryVersion.parse("2")));
        assertEquals("libplugin.so.2", major.file());
        assertEquals(List.of(new LibraryFiles.Symlink("libplugin.so", "libplugin.so.2")), major.symlinks());
    }

    @Test
    void windowsVersionGoesIntoTheDllName() {
        LibraryFiles f = Platform.WINDOWS_X86_64.files("plugin", Optional.of(LibraryVersion.parse("1.5.2")));
        assertEquals("plugin-1.dll", f.file());
        assertEquals(Optional.of("libplugin.dll.a"), f.importLibrary());
        assertEquals(List.of(), f.symlinks());
    }

    @Test
    void fileBaseNamesMayCarryAVersionButNoPath() {
        assertEquals("libplugin-1.5.so", Platform.LINUX_X86_64.files("plugin-1.5", Optional.empty()).file());
        assertEquals("plugin-1.5.dll", Platform.WINDOWS_X86_64.files("plugin-1.5", Optional.empty()).file());
        assertEquals("-lplugin-1.5", Platform.OSX_X86_64.files("plugin-1.5", Optional.empty()).linkFlag());
        for (String bad : List.of("", "a/b", "-x", "plug in", "p;q")) {
            assertThrows(IllegalArgumentException.class, () -> LibraryFiles.requireBaseName(bad), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LibraryFiles.requireBaseName("my plugin"))
                .getMessage().endsWith("e.g. 'my_plugin'"));
    }

    @Test
    void versionsAreOneToThreeNumbers() {
        assertEquals(1, LibraryVersion.parse("1.5.2").major());
        assertEquals(12, LibraryVersion.parse("12").major());
        for (String bad : List.of("1.5-SNAPSHOT", "v1", "1.2.3.4", "", "1..2")) {
            assertThrows(IllegalArgumentException.class, () -> LibraryVersion.parse(bad), bad);
        }
    }

    @Test
    void crossToolsComeFromTheConventionOrTheCompilersPrefix() {
        Platform host = Platform.LINUX_X86_64;
        Toolset nativeTools = Toolset.of(host, host, Optional.empty());
        assertEquals("gcc", nativeTools.compiler());
        assertEquals("nm", nativeTools.tool("nm"));
        assertFalse(nativeTools.cross());

        Toolset arm = Toolset.of(Platform.LINUX_AARCH_64, host, Optional.empty());
        assertEquals("aarch64-linux-gnu-gcc", arm.compiler());
        assertEquals("aarch64-linux-gnu-objdump", arm.tool("objdump"));
        assertTrue(arm.cross());

        Toolset win = Toolset.of(Platform.WINDOWS_X86_64, host, Optional.empty());
        assertEquals("x86_64-w64-mingw32-gcc", win.compiler());
        assertEquals("x86_64-w64-mingw32-ar", win.tool("ar"));

        assertEquals("/opt/cross/bin/aarch64-linux-gnu-nm",
                Toolset.of(Platform.LINUX_AARCH_64, host, Optional.of("/opt/cross/bin/aarch64-linux-gnu-gcc-12")).tool("nm"));
        assertEquals("x86_64-w64-mingw32-nm",
                Toolset.of(Platform.WINDOWS_X86_64, host, Optional.of("my-wrapper")).tool("nm"), "unusual name: convention");
        assertThrows(IllegalArgumentException.class, () -> Toolset.of(Platform.OSX_AARCH_64, host, Optional.empty()),
                "no convention for macOS: <compiler> is required");
    }

    @Test
    void aMissingCrossCompilerNamesItsDebianPackage() {
        Toolset t = new Toolset(Platform.LINUX_AARCH_64, Platform.LINUX_X86_64, "no-such-dir/aarch64-linux-gnu-gcc",
                "no-such-dir/aarch64-linux-gnu-");
        assertTrue(t.missingCompiler().orElseThrow().contains("install it or set <compiler>"), t.missingCompiler().get());
        Toolset absent = new Toolset(Platform.LINUX_AARCH_64, Platform.LINUX_X86_64, "aarch64-linux-gnu-gcc", "");
        if (!Toolset.found("aarch64-linux-gnu-gcc")) {
            assertTrue(absent.missingCompiler().orElseThrow().contains("apt-get install gcc-aarch64-linux-gnu"));
        } else {
            assertEquals(Optional.empty(), absent.missingCompiler());
        }
        assertEquals(Optional.of("gcc-mingw-w64-x86-64"), Platform.WINDOWS_X86_64.crossCompilerPackage());
    }

    @Test
    void emulatorsToSuggest() {
        assertEquals(Optional.of("qemu-aarch64 -L /usr/aarch64-linux-gnu"), Platform.LINUX_AARCH_64.emulatorExample());
        assertEquals(Optional.of("wine"), Platform.WINDOWS_X86_64.emulatorExample());
        assertEquals(Optional.empty(), Platform.OSX_AARCH_64.emulatorExample());
        assertEquals(Optional.of("qemu-ppc64le -L /usr/powerpc64le-linux-gnu"), Platform.LINUX_PPCLE_64.emulatorExample());
    }

    @Test
    void moreLinuxArchitecturesByTheGnuConvention() {
        assertEquals(Platform.LINUX_RISCV64, Platform.parse("linux-riscv64"));
        assertEquals(Platform.LINUX_PPCLE_64, Platform.parse("linux-ppcle_64"));
        assertEquals(Optional.of("powerpc64le-linux-gnu-"), Platform.LINUX_PPCLE_64.crossPrefix());
        assertEquals(Optional.of("gcc-powerpc64le-linux-gnu"), Platform.LINUX_PPCLE_64.crossCompilerPackage());
        assertEquals(Optional.of("gcc-riscv64-linux-gnu"), Platform.LINUX_RISCV64.crossCompilerPackage());
        assertEquals("libplugin.so", Platform.LINUX_RISCV64.sharedLibrary("plugin"));
    }

    @Test
    void exportTablesOfNmAndObjdump() {
        assertEquals(java.util.Set.of("do_stuff", "counter"), ExportTable.nmNames(
                "0000000000001139 T do_stuff\n0000000000004010 D counter@@V1\n", false));
        assertEquals(java.util.Set.of("do_stuff"), ExportTable.nmNames("0000000000003f50 T _do_stuff\n", true));
        String objdump = """
                The Export Tables (interpreted .edata section contents)

                [Ordinal/Name Pointer] Table
                \t[   0] do_stuff
                \t[   1] jembed_counter

                The Function Table (interpreted .pdata section contents)
                """;
        assertEquals(java.util.Set.of("do_stuff", "jembed_counter"), ExportTable.peExports(objdump));
    }
}
