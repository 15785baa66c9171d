package org.jembed.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each platform's files in a place of its own: the build machine's where the pom says, another's below target/<platform>/. */
class PlatformLayoutTest {
    private static final Path TARGET = Path.of("/p/target");

    private static PlatformLayout layout(Platform target) {
        return PlatformLayout.of(Toolset.of(target, Platform.LINUX_X86_64, Optional.of("cc")), TARGET);
    }

    @Test
    void theBuildMachinesPlatformUsesTheConfiguredDirectories() {
        PlatformLayout own = layout(Platform.LINUX_X86_64);
        assertTrue(own.own());
        assertEquals(TARGET, own.directory());
        assertEquals(Path.of("/p/target/dist"), own.relocate(Path.of("/p/target/dist")));
        assertEquals(Path.of("/p/gen/c"), own.relocate(Path.of("/p/gen/c")));
    }

    @Test
    void anotherPlatformMirrorsTheBuildDirectoryBelowAFolderOfItsOwn() {
        PlatformLayout arm = layout(Platform.LINUX_AARCH_64);
        assertFalse(arm.own());
        assertEquals(Path.of("/p/target/linux-aarch_64"), arm.directory());
        assertEquals(Path.of("/p/target/linux-aarch_64/dist"), arm.relocate(Path.of("/p/target/dist")));
        assertEquals(Path.of("/p/target/linux-aarch_64/generated-sources/jembed/c"),
                arm.relocate(Path.of("/p/target/generated-sources/jembed/c")));
        assertEquals(Path.of("/p/target/linux-aarch_64/jembed-reports"), arm.relocate(Path.of("/p/target/../target/jembed-reports")));
        assertEquals(Path.of("/p/target/linux-aarch_64"), arm.relocate(TARGET));
    }

    @Test
    void aDirectoryOutsideTheBuildDirectoryGetsThePlatformAsASuffixNeverAFolderInside() {
        assertEquals(Path.of("/p/gen/c-windows-x86_64"), layout(Platform.WINDOWS_X86_64).relocate(Path.of("/p/gen/c")));
        // below the build machine's bundle would be emptied by its next build
        assertEquals(Path.of("/srv/dist-linux-aarch_64"), layout(Platform.LINUX_AARCH_64).relocate(Path.of("/srv/dist")));
    }

    @Test
    void noTwoPlatformsShareADirectory() {
        List<Path> dirs = Platform.KNOWN.stream().map(p -> layout(p).relocate(Path.of("/p/target/jembed/obj"))).toList();
        assertEquals(dirs.size(), dirs.stream().distinct().count(), dirs.toString());
        assertNotEquals(layout(Platform.LINUX_AARCH_64).directory(), layout(Platform.LINUX_RISCV64).directory());
    }
}
