package org.jembed.core.freeze;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jembed.core.Outputs;

/**
 * The freeze stage: packs the library's classes (the project's classes, its runtime-scope dependencies,
 * the jembed runtime, the generated bridge) into one uncompressed jar that the native build embeds in the
 * {@code .so}. Entries are STORED (classes are defined straight from the mapped bytes), sorted and
 * time-stamped at the epoch, so the same input gives the same bytes and the native build is not redone.
 * The boot package ({@code org/jembed/runtime/boot/}) is written beside the jar instead: the C start-up
 * defines those classes itself, before any loader exists.
 */
public final class Freezer {
    /** Classes the C start-up defines with JNI {@code DefineClass}. */
    public static final String BOOT_PACKAGE = "org/jembed/runtime/boot/";

    /**
     * The frozen output.
     *
     * @param image       the jar
     * @param sha256      the jar's SHA-256, hex
     * @param entries     number of entries in the jar
     * @param bootClasses internal name to class file, for the boot package
     * @param duplicates  entries found more than once; the first one (classes before dependencies) was kept
     */
    public record Frozen(Path image, String sha256, int entries, Map<String, Path> bootClasses, List<String> duplicates) {}

    private Freezer() {
    }

    /**
     * Freezes {@code classpath} (directories and jars, first wins) plus {@code extra} entries.
     *
     * @param classpath the project's output directory first, then runtime-scope dependencies
     * @param extra     generated entries (path to bytes), e.g. the bridge class; these win over the class path
     * @param outDir    where to write {@code frozen.jar} and {@code boot/}
     * @throws IOException when an input cannot be read or the output written
     */
    public static Frozen freeze(List<Path> classpath, Map<String, byte[]> extra, Path outDir) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>(extra);
        List<String> duplicates = new ArrayList<>();
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                try (Stream<Path> walk = Files.walk(element)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        add(entries, element.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file), duplicates);
                    }
                }
            } else if (Files.isRegularFile(element)) {
                try (JarFile jar = new JarFile(element.toFile(), false)) {
                    for (var e : java.util.Collections.list(jar.entries())) {
                        if (!e.isDirectory()) {
                            try (var in = jar.getInputStream(e)) {
                                add(entries, e.getName(), in.readAllBytes(), duplicates);
                            }
                        }
                    }
                }
            }
        }
        Map<String, Path> boot = new TreeMap<>();
        Path bootDir = outDir.resolve("boot");
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith(BOOT_PACKAGE) && e.getKey().endsWith(".class")) {
                String internal = e.getKey().substring(0, e.getKey().length() - ".class".length());
                Path file = bootDir.resolve(internal.substring(BOOT_PACKAGE.length()) + ".class");
                Outputs.write(file, e.getValue());
                boot.put(internal, file);
                it.remove();
            }
        }
        byte[] jar = jar(entries);
        Path image = outDir.resolve("frozen.jar");
        Outputs.write(image, jar);
        return new Frozen(image, sha256(jar), entries.size(), boot, duplicates);
    }

    private static void add(Map<String, byte[]> entries, String name, byte[] bytes, List<String> duplicates) {
        if (skipped(name)) {
            return;
        }
        if (entries.putIfAbsent(name, bytes) != null && name.endsWith(".class")) {
            duplicates.add(name);
        }
    }

    /** Signatures and module descriptors do not apply to classes defined from memory by one loader. */
    private static boolean skipped(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return name.equals("module-info.class") || name.endsWith("/module-info.class")
                || upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.equals("META-INF/INDEX.LIST"));
    }

    private static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (var e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
