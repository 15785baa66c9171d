package org.jembed.core.nativebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jembed.core.BuildLog;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.Toolset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native build's up-to-date checks with real compilers (gcc and the cross compilers {@code .ci/run} installs):
 * objects made by another compiler or with other options are never reused, even in the same folder, and an unchanged
 * build compiles and links nothing.
 */
class NativeBuilderTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private final BuildLog buildLog = new BuildLog() {
        @Override public void info(String line) { log.add(line); }
        @Override public void warn(String line) { log.add("WARN " + line); }
        @Override public void debug(String line) { }
    };

    private static final String SOURCE = """
            #ifdef _WIN32
            #define EXPORT __declspec(dllexport)
            #else
            #define EXPORT __attribute__((visibility("default")))
            #endif
            EXPORT int answer(void) { return 42; }
            """;

    private NativeBuilder.Result build(Platform target, Path out, List<String> compilerOptions, List<String> linkerOptions)
            throws Exception {
        Path source = dir.resolve("answer.c");
        if (!Files.isRegularFile(source)) {
            Files.writeString(source, SOURCE);
        }
        Toolset tools = Toolset.of(target, Platform.LINUX_X86_64, Optional.empty());
        assertTrue(tools.missingCompiler().isEmpty(), () -> tools.missingCompiler().get());
        // one object folder for every platform: the stamp must notice the switch
        return NativeBuilder.build(new NativeBuilder.Request(tools, target.files("answer", Optional.empty()),
                List.of(source), List.of(), List.of(dir), compilerOptions, linkerOptions, dir.resolve("obj"), out,
                false), buildLog);
    }

    private static int elfMachine(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        assertEquals(0x7f, b[0]);
        assertEquals('E', b[1]);
        return (b[18] & 0xff) | (b[19] & 0xff) << 8;
    }

    @Test
    void switchingPlatformsInOneObjectFolderRecompilesForTheNewOne() throws Exception {
        NativeBuilder.Result arm = build(Platform.LINUX_AARCH_64, dir.resolve("arm"), List.of(), List.of());
        assertEquals(183, elfMachine(arm.library()), "EM_AARCH64");
        assertEquals(1, arm.compiled());
        assertTrue(arm.linked());

        NativeBuilder.Result win = build(Platform.WINDOWS_X86_64, dir.resolve("win"), List.of(), List.of());
        byte[] pe = Files.readAllBytes(win.library());
        assertEquals('M', pe[0]);
        assertEquals('Z', pe[1]);
        assertEquals(1, win.compiled(), "the AArch64 object is not linked into a DLL");
        assertTrue(win.importLibrary().isPresent());

        NativeBuilder.Result x86 = build(Platform.LINUX_X86_64, dir.resolve("x86"), List.of(), List.of());
        assertEquals(62, elfMachine(x86.library()), "EM_X86_64");
        assertEquals(1, x86.compiled(), "the COFF object is not linked into an ELF library");
    }

    @Test
    void anUnchangedBuildCompilesAndLinksNothing() throws Exception {
        Path out = dir.resolve("out");
        NativeBuilder.Result first = build(Platform.LINUX_X86_64, out, List.of(), List.of());
        assertEquals("1 of 1 C file(s) compiled, linked", first.summary());
        Path object = dir.resolve("obj/answer.o");
        FileTime objectTime = Files.getLastModifiedTime(object);
        FileTime libraryTime = Files.getLastModifiedTime(first.library());

        NativeBuilder.Result again = build(Platform.LINUX_X86_64, out, List.of(), List.of());
        assertEquals(0, again.compiled());
        assertFalse(again.linked());
        assertEquals("up to date", again.summary());
        assertEquals(objectTime, Files.getLastModifiedTime(object));
        assertEquals(libraryTime, Files.getLastModifiedTime(first.library()));
    }

    @Test
    void anOptionOrAnOutputChangeIsNoticed() throws Exception {
        Path out = dir.resolve("out");
        build(Platform.LINUX_X86_64, out, List.of(), List.of());
        NativeBuilder.Result option = build(Platform.LINUX_X86_64, out, List.of("-DANSWER_VARIANT=2"), List.of());
        assertEquals("1 of 1 C file(s) compiled, linked", option.summary(), "a compiler option");
        NativeBuilder.Result link = build(Platform.LINUX_X86_64, out, List.of("-DANSWER_VARIANT=2"), List.of("-lm"));
        assertEquals("0 of 1 C file(s) compiled, linked", link.summary(), "a linker option");
        Files.delete(link.library());
        NativeBuilder.Result gone = build(Platform.LINUX_X86_64, out, List.of("-DANSWER_VARIANT=2"), List.of("-lm"));
        assertEquals("0 of 1 C file(s) compiled, linked", gone.summary(), "a removed library");
        assertTrue(Files.isRegularFile(gone.library()));
        String stamp = Files.readString(dir.resolve("obj").resolve(NativeBuilder.COMPILE_STAMP));
        assertTrue(stamp.startsWith("jembed "), stamp);
        assertTrue(stamp.contains("\ncompiler gcc = /"), stamp);
        assertTrue(stamp.contains("\ntarget linux-x86_64\n"), stamp);
        assertTrue(stamp.contains("\nglue-option -DANSWER_VARIANT=2\n"), stamp);
    }

    @Test
    void aStampDescribesFilesWithoutFollowingLinks() throws Exception {
        Path file = Files.writeString(dir.resolve("a"), "abc");
        Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("a"));
        assertEquals("absent", BuildStamp.state(dir.resolve("missing")));
        assertEquals("-> a", BuildStamp.state(link));
        assertTrue(BuildStamp.state(file).startsWith("3 bytes, modified "), BuildStamp.state(file));
        assertEquals("not found", BuildStamp.identity("no-such-compiler-for-jembed"));
        assertTrue(BuildStamp.identity("gcc").startsWith("= /"), BuildStamp.identity("gcc"));

        Path stampFile = dir.resolve("s.stamp");
        BuildStamp stamp = BuildStamp.of("gcc", List.of("option -O2")).withStates("object", List.of(file));
        assertFalse(stamp.matches(stampFile));
        stamp.write(stampFile);
        assertTrue(stamp.matches(stampFile));
        assertFalse(BuildStamp.of("gcc", List.of("option -O1")).withStates("object", List.of(file)).matches(stampFile));
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        assertFalse(BuildStamp.of("gcc", List.of("option -O2")).withStates("object", List.of(file)).matches(stampFile),
                "a rebuilt input");
    }
}
