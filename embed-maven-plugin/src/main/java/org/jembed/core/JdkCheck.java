package org.jembed.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Checks that the JDK a library is built against has JNI headers and is new enough for the runtime (FFM: Java 22). */
public final class JdkCheck {
    /** The oldest Java feature release the runtime runs on (java.lang.foreign is final in 22, JEP 454). */
    public static final int MINIMUM_FEATURE = 22;

    private JdkCheck() {
    }

    /**
     * The feature release of the JDK or JRE at {@code javaHome}, from its {@code release} file ({@code JAVA_VERSION}).
     *
     * @return e.g. 25; empty when there is no readable {@code release} file
     */
    public static java.util.OptionalInt feature(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return java.util.OptionalInt.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            p.load(in);
        } catch (IOException e) {
            return java.util.OptionalInt.empty();
        }
        String feature = p.getProperty("JAVA_VERSION", "").replace("\"", "").split("[.+-]")[0];
        return feature.matches("\\d+") ? java.util.OptionalInt.of(Integer.parseInt(feature)) : java.util.OptionalInt.empty();
    }

    /**
     * @throws IOException with a fix-it message when {@code javaHome} lacks {@code include/jni.h} or is older than 22
     */
    public static void requireJni(Path javaHome) throws IOException {
        if (!Files.isRegularFile(javaHome.resolve("include/jni.h"))) {
            throw new IOException("no JNI headers in " + javaHome + " (include/jni.h): point <javaHome> at a JDK "
                    + MINIMUM_FEATURE + "+ (not a JRE)");
        }
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(release)) {
                p.load(in);
            }
            String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            String feature = version.split("[.+-]")[0];
            if (feature.matches("\\d+") && Integer.parseInt(feature) < MINIMUM_FEATURE) {
                throw new IOException("the JDK at " + javaHome + " is Java " + version + "; jembed libraries need Java "
                        + MINIMUM_FEATURE + "+ (FFM): set <javaHome>, declare a JDK " + MINIMUM_FEATURE
                        + "+ jdk toolchain, or run Maven with JAVA_HOME at a newer JDK");
            }
        }
    }
}
