package org.jembed.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings per platform: one plain value, or platform=value entries (the command line's form), plus the pom's map. */
class PlatformValuesTest {
    private static final List<Platform> CROSS = List.of(Platform.LINUX_AARCH_64, Platform.WINDOWS_X86_64);

    @Test
    void keyedEntriesGiveEachPlatformItsOwnValue() {
        PlatformValues v = PlatformValues.parse("testEmulator",
                " linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu ; windows-x86_64 = wine;");
        assertEquals(Optional.of("qemu-aarch64 -L /usr/aarch64-linux-gnu"), v.of(Platform.LINUX_AARCH_64, CROSS));
        assertEquals(Optional.of("wine"), v.of(Platform.WINDOWS_X86_64, CROSS));
        assertEquals(Optional.empty(), v.of(Platform.LINUX_RISCV64, CROSS));
    }

    @Test
    void aPlainValueServesTheOnePlatformThatUsesIt() {
        PlatformValues v = PlatformValues.parse("testEmulator", "env QEMU_LD_PREFIX=/x qemu-aarch64");
        assertEquals(Optional.of("env QEMU_LD_PREFIX=/x qemu-aarch64"), v.plain());
        assertEquals(Optional.of("env QEMU_LD_PREFIX=/x qemu-aarch64"),
                v.of(Platform.LINUX_AARCH_64, List.of(Platform.LINUX_AARCH_64)));
        assertEquals(Optional.empty(), v.of(Platform.LINUX_X86_64, List.of(Platform.LINUX_AARCH_64)), "not a user of it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.of(Platform.LINUX_AARCH_64, CROSS));
        assertEquals("<testEmulator> 'env QEMU_LD_PREFIX=/x qemu-aarch64' does not say which of linux-aarch_64,"
                + " windows-x86_64 it is for: write <platform>=<value> entries separated by ';', e.g."
                + " linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu; windows-x86_64=wine", e.getMessage());
        assertEquals(Optional.empty(), PlatformValues.parse("compiler", "  ").of(Platform.LINUX_AARCH_64, CROSS));
        assertEquals(Optional.empty(), PlatformValues.parse("compiler", null).plain());
    }

    @Test
    void malformedEntriesNameTheElementAndTheEntry() {
        assertEquals("<testEmulator> entry 'wine' has no platform: write <platform>=<value> entries separated by ';',"
                + " e.g. linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu; windows-x86_64=wine",
                assertThrows(IllegalArgumentException.class,
                        () -> PlatformValues.parse("testEmulator", "linux-aarch_64=qemu-aarch64; wine")).getMessage());
        assertEquals("<testEmulator> entry 'linux-aarch64=x': unknown platform 'linux-aarch64'; known: linux-x86_64,"
                + " linux-aarch_64, windows-x86_64, osx-x86_64, osx-aarch_64, linux-riscv64, linux-ppcle_64",
                assertThrows(IllegalArgumentException.class,
                        () -> PlatformValues.parse("testEmulator", "windows-x86_64=wine; linux-aarch64=x")).getMessage());
        assertEquals("<compiler> names windows-x86_64 twice", assertThrows(IllegalArgumentException.class,
                () -> PlatformValues.parse("compiler", "windows-x86_64=a;windows-x86_64=b")).getMessage());
        assertEquals("<compiler> entry 'windows-x86_64=' has no value", assertThrows(IllegalArgumentException.class,
                () -> PlatformValues.parse("compiler", "windows-x86_64=")).getMessage());
    }

    @Test
    void thePomsMapFillsInWhatTheTextDoesNotName() {
        Map<String, String> pom = new LinkedHashMap<>();
        pom.put("linux-aarch_64", "qemu-aarch64 -L /usr/aarch64-linux-gnu");
        pom.put("windows-x86_64", "wine");
        PlatformValues v = PlatformValues.parse("testEmulator", "windows-x86_64=wine64").orElse("testEmulators", pom);
        assertEquals(Optional.of("wine64"), v.of(Platform.WINDOWS_X86_64, CROSS), "the property wins");
        assertEquals(Optional.of("qemu-aarch64 -L /usr/aarch64-linux-gnu"), v.of(Platform.LINUX_AARCH_64, CROSS));
        assertEquals("<testEmulators> has the element <win64>: unknown platform 'win64'; known: linux-x86_64,"
                + " linux-aarch_64, windows-x86_64, osx-x86_64, osx-aarch_64, linux-riscv64, linux-ppcle_64",
                assertThrows(IllegalArgumentException.class, () -> PlatformValues.none("testEmulator")
                        .orElse("testEmulators", Map.of("win64", "wine"))).getMessage());
    }
}
