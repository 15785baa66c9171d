package org.jembed.core.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jembed.core.platform.LibraryVersion;
import org.jembed.core.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {

    @Test
    void cmakeGetsTheNumericPartOfAMavenVersion() {
        assertEquals("1.0", Bundle.cmakeVersion("1.0-SNAPSHOT"));
        assertEquals("2.3.1", Bundle.cmakeVersion("2.3.1"));
        assertEquals("0", Bundle.cmakeVersion("SNAPSHOT"));
    }

    @Test
    void equalTreesPackToEqualBytesWhateverTheirFileDates(@TempDir Path tmp) throws IOException {
        Path a = tree(tmp.resolve("a"), Instant.parse("2020-01-01T00:00:00Z"));
        Path b = tree(tmp.resolve("b"), Instant.parse("2024-06-01T12:00:00Z"));
        Instant when = Instant.parse("2025-01-01T00:00:00Z");
        Bundle.pack(a, "x-1.0", tmp.resolve("a.tar.gz"), when);
        Bundle.pack(b, "x-1.0", tmp.resolve("b.tar.gz"), when);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.tar.gz")), Files.readAllBytes(tmp.resolve("b.tar.gz")));
    }

    @Test
    void localHeadersTheApiHeaderIncludesAreCarried(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("api.h"), "#include \"sub/types.h\"\n#include <stdio.h>\nint f(void);\n");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/types.h"), "typedef int t;\n");
        List<Path> copied = Bundle.copyHeaders(src.resolve("api.h"), tmp.resolve("include"));
        assertEquals(List.of(Path.of("api.h"), Path.of("sub/types.h")), copied);
        assertTrue(Files.isRegularFile(tmp.resolve("include/sub/types.h")));
    }

    @Test
    void aHeaderOutsideTheApiHeadersFolderIsAnError(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tmp.resolve("outside.h"), "typedef int t;\n");
        Files.writeString(src.resolve("api.h"), "#include \"../outside.h\"\n");
        IOException e = assertThrows(IOException.class, () -> Bundle.copyHeaders(src.resolve("api.h"), tmp.resolve("inc")));
        assertTrue(e.getMessage().contains("../outside.h"), e.getMessage());
    }

    @Test
    void pkgConfigAndCmakeFilesAreRelocatable(@TempDir Path tmp) {
        var r = new Bundle.Request("greeter", "2.3.1-SNAPSHOT", "Greets.", tmp.resolve("g.h"),
                Platform.LINUX_X86_64.files("greeter", Optional.empty()), tmp.resolve("libgreeter.so"), Optional.empty(),
                Optional.of(tmp.resolve("libgreeter.a")), Optional.empty(), Optional.empty(), tmp, tmp.resolve("g.tar.gz"), Instant.EPOCH, "g");
        String pc = Bundle.pkgConfig(r);
        assertTrue(pc.contains("prefix=${pcfiledir}/../..\n"), pc);
        assertTrue(pc.contains("Libs: -L${libdir} -Wl,-rpath,${libdir} -lgreeter\n"), pc);
        String cmake = Bundle.cmakeConfig(r);
        assertTrue(cmake.contains("\"${CMAKE_CURRENT_LIST_DIR}/../../..\""), cmake);
        assertTrue(cmake.contains("add_library(greeter::greeter SHARED IMPORTED)"), cmake);
        assertTrue(cmake.contains("add_library(greeter::greeter_static STATIC IMPORTED)"), cmake);
        assertTrue(!cmake.contains(tmp.toString()), "absolute path in " + cmake);
    }

    @Test
    void windowsBundleHasTheDllInBinAndItsImportLibrary(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("g.h"), "int f(void);\n");
        Files.write(tmp.resolve("greeter.dll"), new byte[] {'M', 'Z'});
        Files.write(tmp.resolve("libgreeter.dll.a"), new byte[] {1});
        var r = new Bundle.Request("greeter", "2.3", "Greets.", tmp.resolve("g.h"),
                Platform.WINDOWS_X86_64.files("greeter", Optional.empty()), tmp.resolve("greeter.dll"),
                Optional.of(tmp.resolve("libgreeter.dll.a")), Optional.empty(), Optional.empty(), Optional.empty(),
                tmp.resolve("dist"),
                tmp.resolve("g.tar.gz"), Instant.EPOCH, "g");
        Bundle.write(r);
        assertTrue(Files.isRegularFile(tmp.resolve("dist/bin/greeter.dll")));
        assertTrue(Files.isRegularFile(tmp.resolve("dist/lib/libgreeter.dll.a")));
        String pc = Bundle.pkgConfig(r);
        assertTrue(pc.contains("Libs: -L${libdir} -lgreeter\n"), pc);
        assertTrue(!pc.contains("rpath") && !pc.contains("Libs.private"), pc);
        String cmake = Bundle.cmakeConfig(r);
        assertTrue(cmake.contains("IMPORTED_LOCATION \"${_greeter_prefix}/bin/greeter.dll\""), cmake);
        assertTrue(cmake.contains("IMPORTED_IMPLIB \"${_greeter_prefix}/lib/libgreeter.dll.a\""), cmake);
        assertTrue(!cmake.contains("SONAME"), cmake);
    }

    @Test
    void startUpCacheGoesBesideTheLibraryUnlessARuntimeIsBundled(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("g.h"), "int f(void);\n");
        Files.write(tmp.resolve("libgreeter.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        Files.write(tmp.resolve("libgreeter.0123456789abcdef.aot"), new byte[] {1, 2, 3});
        Files.createDirectories(tmp.resolve("jre/lib/server"));
        Files.write(tmp.resolve("jre/lib/server/libjvm.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        for (boolean withRuntime : new boolean[] {false, true}) {
            Path dist = tmp.resolve(withRuntime ? "with-jre" : "plain");
            Bundle.write(new Bundle.Request("greeter", "1.0", "Greets.", tmp.resolve("g.h"),
                    Platform.LINUX_X86_64.files("greeter", Optional.empty()), tmp.resolve("libgreeter.so"),
                    Optional.empty(), Optional.empty(), withRuntime ? Optional.of(tmp.resolve("jre")) : Optional.empty(),
                    Optional.of(tmp.resolve("libgreeter.0123456789abcdef.aot")), dist, tmp.resolve(dist + ".tar.gz"),
                    Instant.EPOCH, "g"));
            // the library uses the cache only with the build JDK's libjvm, never with a bundled runtime's
            assertEquals(!withRuntime, Files.isRegularFile(dist.resolve("lib/libgreeter.0123456789abcdef.aot")),
                    withRuntime ? "a cache beside a bundled runtime" : "no cache beside the library");
        }
    }

    @Test
    void versionedLinuxBundleCarriesTheFileAndItsLinks(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("g.h"), "int f(void);\n");
        Files.write(tmp.resolve("libgreeter.so.1.5.2"), new byte[] {0x7f, 'E', 'L', 'F'});
        var r = new Bundle.Request("greeter", "1.5.2", "Greets.", tmp.resolve("g.h"),
                Platform.LINUX_X86_64.files("greeter", Optional.of(LibraryVersion.parse("1.5.2"))),
                tmp.resolve("libgreeter.so.1.5.2"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), tmp.resolve("dist"), tmp.resolve("g.tar.gz"), Instant.EPOCH, "g");
        Bundle.write(r);
        assertEquals(Path.of("libgreeter.so.1.5.2"), Files.readSymbolicLink(tmp.resolve("dist/lib/libgreeter.so.1")));
        assertEquals(Path.of("libgreeter.so.1"), Files.readSymbolicLink(tmp.resolve("dist/lib/libgreeter.so")));
        assertTrue(Files.isRegularFile(tmp.resolve("dist/lib/libgreeter.so")), "the development link resolves");
        String cmake = Bundle.cmakeConfig(r);
        assertTrue(cmake.contains("IMPORTED_LOCATION \"${_greeter_prefix}/lib/libgreeter.so.1.5.2\""), cmake);
        assertTrue(cmake.contains("IMPORTED_SONAME \"libgreeter.so.1\""), cmake);
        assertTrue(Bundle.pkgConfig(r).contains(" -lgreeter\n"));
    }

    private static Path tree(Path dir, Instant mtime) throws IOException {
        Files.createDirectories(dir.resolve("include"));
        Files.writeString(dir.resolve("include/x.h"), "int x(void);\n");
        Files.createDirectories(dir.resolve("lib"));
        Files.write(dir.resolve("lib/libx.so"), new byte[] {1, 2, 3});
        for (Path p : List.of(dir.resolve("include/x.h"), dir.resolve("lib/libx.so"), dir.resolve("include"), dir.resolve("lib"))) {
            Files.setLastModifiedTime(p, FileTime.from(mtime));
        }
        return dir;
    }

    @Test
    void anUnchangedBundleIsLeftAsItWasAndAChangedOneOnlyWhereItChanged(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("g.h"), "int f(void);\n");
        Files.write(tmp.resolve("libgreeter.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        Path dist = tmp.resolve("dist");
        Path archive = tmp.resolve("g.tar.gz");
        var r = new Bundle.Request("greeter", "2.3", "Greets.", tmp.resolve("g.h"),
                Platform.LINUX_X86_64.files("greeter", Optional.empty()), tmp.resolve("libgreeter.so"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), dist, archive, Instant.EPOCH, "greeter-2.3");
        Bundle.write(r);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Path header = dist.resolve("include/g.h");
        Path pc = dist.resolve("lib/pkgconfig/greeter.pc");
        for (Path p : List.of(header, pc, archive)) {
            Files.setLastModifiedTime(p, old);
        }
        Files.writeString(dist.resolve("lib/stale.txt"), "from an earlier build");

        Bundle.write(r);
        assertEquals(old, Files.getLastModifiedTime(header), "an unchanged header is not copied again");
        assertEquals(old, Files.getLastModifiedTime(pc), "an unchanged pkg-config file is not rewritten");
        assertEquals(old, Files.getLastModifiedTime(archive), "an archive of the same bytes is not replaced");
        assertTrue(Files.notExists(dist.resolve("lib/stale.txt")), "what is not the bundle's is removed");
        assertTrue(Files.notExists(tmp.resolve(".dist.new")) && Files.notExists(tmp.resolve(".g.tar.gz.new")));

        Files.writeString(tmp.resolve("g.h"), "int f(void);\nint g(void);\n");
        Bundle.write(r);
        assertEquals("int f(void);\nint g(void);\n", Files.readString(header));
        assertEquals(old, Files.getLastModifiedTime(pc));
        assertTrue(Files.getLastModifiedTime(archive).compareTo(old) > 0, "the archive holds the new header");
    }
}
