package org.jembed.core.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jembed.core.Outputs;
import org.jembed.core.glue.Templates;

/**
 * The JNI headers a library is compiled with. {@code jni.h} is the same on every platform and comes from the build
 * JDK's {@code include/}; it includes {@code jni_md.h}, which defines {@code JNIEXPORT}, {@code JNICALL} and
 * {@code jint}/{@code jlong} per platform. For the build machine's own platform that is the JDK's
 * {@code include/<os>/jni_md.h}; for a cross target (whose JDK is not here) jembed carries its own, the template
 * resource {@code jni/<os>/jni_md.h} ({@code linux}, {@code windows}, {@code osx}), copied into a folder that comes
 * before the JDK's on the include path.
 */
public final class JniHeaders {
    private JniHeaders() {
    }

    /**
     * The {@code -I} directories, in order, for compiling JNI code for {@code toolset}'s target with the JDK at
     * {@code javaHome}.
     *
     * @param workDir where a cross target's {@code jni_md.h} is written (a folder of its own is made below it)
     * @throws IOException when the {@code jni_md.h} resource is missing (a broken jembed installation) or cannot be written
     */
    public static List<Path> includeDirs(Toolset toolset, Path javaHome, Path workDir) throws IOException {
        Path include = javaHome.resolve("include");
        if (!toolset.cross()) {
            return List.of(include, include.resolve(toolset.target().jniIncludeDirectory()));
        }
        String os = toolset.target().os().detectedName();
        Path own = workDir.resolve("jni-" + os);
        Outputs.write(own.resolve("jni_md.h"), Templates.resource("jni/" + os + "/jni_md.h"));
        return List.of(own, include);
    }
}
