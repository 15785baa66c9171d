package org.jembed.core.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jembed.core.platform.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up cache's name: a stale cache (other classes, options, dispatch or JDK) is never found by name. */
class StartupCacheTest {
    @Test
    void nameChangesWithWhatTheCacheDependsOn(@TempDir Path jdk) throws Exception {
        Files.createDirectories(jdk.resolve("lib/server"));
        Files.writeString(jdk.resolve("lib/server/libjvm.so"), "not really a JVM");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25\"\n");
        List<String> options = List.of("-Xrs", "-XX:+UseSerialGC");
        String name = StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, options, "aa11", "auto");

        assertTrue(name.matches("libmy_plugin\\.[0-9a-f]{16}\\.aot"), name);
        assertEquals(name, StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, options, "aa11", "auto"));
        assertNotEquals(name, StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, options, "bb22", "auto"), "other classes");
        assertNotEquals(name, StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, List.of("-Xrs"), "aa11", "auto"), "other options");
        assertNotEquals(name, StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, options, "aa11", "ffm"), "other dispatch");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        assertNotEquals(name, StartupCache.fileName("my_plugin", jdk, Platform.LINUX_X86_64, options, "aa11", "auto"), "another JDK");
    }

    @Test
    void trainingDriverStartsTheLibraryThenDestroysTheJvm() {
        String c = StartupCache.driver("jembed_my_plugin_start", "/opt/jdk/lib/server/libjvm.so", new byte[] {(byte) 0xCA, 1});
        assertTrue(c.contains("int jembed_my_plugin_start(void);"));
        assertTrue(c.contains("static const unsigned char training[] = {\n    202, 1,"), c);
        assertTrue(c.contains("static const jsize training_length = 2;"));
        assertTrue(c.contains("\"/opt/jdk/lib/server/libjvm.so\""));
        assertTrue(c.indexOf("train_ffm(vm);") < c.indexOf("DestroyJavaVM(vm)"));
    }
}
