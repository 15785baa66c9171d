package org.jembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jembed.core.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library named like a JDK library is a build error on the pom element, with a suggested name. */
class LibraryNameCheckTest {
    @TempDir
    Path dir;

    private Path jdk() throws Exception {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("lib/server"));
        Files.writeString(home.resolve("lib/libfancy.so"), "");
        Files.writeString(home.resolve("lib/server/libjvm.so"), "");
        Files.writeString(home.resolve("lib/classlist"), "");
        return home;
    }

    private static final Platform L = Platform.LINUX_X86_64;

    @Test
    void namesComeFromTheJdkAndTheFixedList() throws Exception {
        var names = LibraryNameCheck.jdkLibraryNames(jdk(), Platform.LINUX_X86_64);
        assertTrue(names.contains("fancy"));
        assertTrue(names.contains("jvm"));
        assertTrue(names.contains("java"), "always refused, even when this JDK lacks it");
        assertTrue(!names.contains("classlist"));
    }

    @Test
    void collisionIsPositionedOnLibraryName() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, "<project>\n  <build>\n    <configuration>\n      <libraryName>fancy</libraryName>\n");
        Path home = jdk();
        assertEquals(Optional.of("pom.xml:4:7: error: <libraryName> 'fancy' is the name of a library of the JDK "
                + "(libfancy.so in " + home + "): the JVM and the library would take each other for one another at "
                + "run time; choose another name, e.g. <libraryName>fancy_plugin</libraryName>"),
                LibraryNameCheck.collision("fancy", "libraryName", L, L, home, pom));
    }

    @Test
    void derivedNameIsPositionedOnArtifactId() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, "<project>\n  <artifactId>java</artifactId>\n");
        String message = LibraryNameCheck.collision("java", "libraryName", L, L, jdk(), pom).orElseThrow();
        assertTrue(message.startsWith("pom.xml:2:3: error: <libraryName> 'java' is the name of a library of the JDK "
                + "(libjava.so, present in every JDK)"), message);
    }

    @Test
    void freeNameIsAccepted() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, "<project/>\n");
        assertEquals(Optional.empty(), LibraryNameCheck.collision("my_plugin", "libraryName", L, L, jdk(), pom));
    }

    @Test
    void crossTargetNamesTheTargetsFileAndIgnoresCaseOnWindows() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, "<project>\n  <libraryFileName>JVM</libraryFileName>\n");
        Path home = jdk();
        assertEquals(Optional.of("pom.xml:2:3: error: <libraryFileName> 'JVM' is the name of a library of the JDK "
                + "(jvm.dll on windows-x86_64, as libjvm.so in " + home + "): the JVM and the library would take each"
                + " other for one another at run time; choose another name, e.g. <libraryFileName>JVM_plugin"
                + "</libraryFileName>"),
                LibraryNameCheck.collision("JVM", "libraryFileName", Platform.WINDOWS_X86_64, L, home, pom));
        assertEquals(Optional.empty(), LibraryNameCheck.collision("JVM", "libraryFileName", L, L, home, pom),
                "case matters on Linux");
    }
}
