package org.jembed.core.platform;

import java.nio.file.Path;

/**
 * Where the files of one platform's build go, so that builds for several platforms share a project's build directory
 * without ever reading each other's files, in any order and without {@code clean} (cargo's {@code target/<triple>/}
 * does the same). The build machine's own platform uses the directories as the pom configures them ({@code target/},
 * {@code target/dist/}, {@code target/generated-sources/jembed/c/}, ...); any other platform has a folder of its own,
 * {@code target/<platform>/}, laid out as {@code target/} is:
 * <pre>
 * directory                              build machine's platform          linux-aarch_64
 * the library, links, import library     target/                           target/linux-aarch_64/
 * glue ({@code <generatedCDirectory>})          target/generated-sources/jembed/c target/linux-aarch_64/generated-sources/jembed/c
 * frozen image, objects, JNI headers     target/jembed/                    target/linux-aarch_64/jembed/
 * bundle ({@code <distDirectory>})              target/dist/                      target/linux-aarch_64/dist/
 * C test programs and reports            target/jembed-tests/, -reports/   target/linux-aarch_64/jembed-tests/, -reports/
 * </pre>
 * A configured directory outside the build directory gets the platform as a suffix instead ({@code gen/c} →
 * {@code gen/c-linux-aarch_64}), never a folder inside it (the build machine's bundle folder is emptied on every
 * build). What changes the files inside one platform's folders (compiler, options, jembed's version) is covered by the
 * native build's own stamps.
 *
 * @param platform the platform built for
 * @param buildDir the project's build directory, {@code target}
 * @param own      whether {@code platform} is the build machine's: its files use the directories as configured
 */
public record PlatformLayout(Platform platform, Path buildDir, boolean own) {

    /** The layout of {@code tools}' target in the build directory {@code buildDir}. */
    public static PlatformLayout of(Toolset tools, Path buildDir) {
        return new PlatformLayout(tools.target(), buildDir, !tools.cross());
    }

    /** The platform's build directory: {@code target} itself, or {@code target/<platform>}. */
    public Path directory() {
        return own ? buildDir : buildDir.resolve(platform.classifier());
    }

    /**
     * {@code configured}, a directory the pom names for the build machine's platform, for this platform: unchanged for
     * the build machine's; else moved below {@link #directory()} when it lies below the build directory, or given the
     * suffix {@code -<platform>} when it lies elsewhere.
     */
    public Path relocate(Path configured) {
        if (own) {
            return configured;
        }
        Path build = buildDir.toAbsolutePath().normalize();
        Path dir = configured.toAbsolutePath().normalize();
        if (dir.startsWith(build) && !dir.equals(build)) {
            return directory().toAbsolutePath().normalize().resolve(build.relativize(dir));
        }
        if (dir.equals(build)) {
            return directory().toAbsolutePath().normalize();
        }
        return dir.resolveSibling(dir.getFileName() + "-" + platform.classifier());
    }
}
