package org.jembed.core.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kr.motd.maven.os.Detector;
import kr.motd.maven.os.FileOperationProvider;
import kr.motd.maven.os.SystemPropertyOperationProvider;

/**
 * The build machine's OS and architecture as os-maven-plugin spells them ({@code os.detected.name},
 * {@code os.detected.arch}, {@code os.detected.classifier}), computed by that plugin's {@link Detector} used as a
 * library, so jembed's classifiers match what other Maven builds (protobuf, netty, grpc) attach.
 *
 * @param os   e.g. {@code linux}, {@code osx}, {@code windows}
 * @param arch e.g. {@code x86_64}, {@code aarch_64}
 */
public record Platform(String os, String arch) {

    /** {@code <os>-<arch>}, e.g. {@code linux-x86_64}. */
    public String classifier() {
        return os + "-" + arch;
    }

    /**
     * Detects the platform of this JVM.
     *
     * @throws IllegalStateException when the detector does not know the OS or architecture ({@code unknown})
     */
    public static Platform detect() {
        Properties props = new Properties();
        // The detector also publishes what it found as system properties; give it a view that keeps them local.
        SystemPropertyOperationProvider local = new SystemPropertyOperationProvider() {
            @Override public String getSystemProperty(String name) { return System.getProperty(name); }
            @Override public String getSystemProperty(String name, String def) { return System.getProperty(name, def); }
            @Override public String setSystemProperty(String name, String value) { return null; }
        };
        FileOperationProvider files = path -> Files.newInputStream(Path.of(path));
        new Detector(local, files) {
            {
                detect(props, List.of());
            }

            @Override
            protected void log(String message) {
            }

            @Override
            protected void logProperty(String name, String value) {
            }
        };
        String os = props.getProperty("os.detected.name", "unknown");
        String arch = props.getProperty("os.detected.arch", "unknown");
        if (os.equals("unknown") || arch.equals("unknown")) {
            throw new IllegalStateException("unknown platform: os.name=" + System.getProperty("os.name") + ", os.arch="
                    + System.getProperty("os.arch"));
        }
        return new Platform(os, arch);
    }
}
