package org.jembed.runtime.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads classes, resources and services from a STORED jar built in memory from sources
 * compiled by the test, as the native side would hand it over: a direct {@link ByteBuffer}.
 */
class FrozenLoaderTest {

    private static final String LIB = "demo_lib";

    /** The boot package's class files; the native side embeds and defines exactly these. */
    private static final Set<String> BOOT_CLASS_FILES = Set.of(
            "FrozenLoader.class", "FrozenLoader$Handler.class", "FrozenLoader$Connection.class");

    @TempDir
    static Path work;

    /** Entry name to bytes, in jar order. */
    private static Map<String, byte[]> contents;
    private static ByteBuffer image;

    @BeforeAll
    static void compileAndFreeze() throws IOException {
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        write(src, "demo/Greeter.java", """
                package demo;
                public interface Greeter { String greet(String who); }
                """);
        write(src, "demo/impl/HelloGreeter.java", """
                package demo.impl;
                import java.io.IOException;
                import java.io.InputStream;
                import java.nio.charset.StandardCharsets;
                public class HelloGreeter implements demo.Greeter {
                    public String greet(String who) { return Messages.prefix() + who; }
                    public static String hello(String who) { return new HelloGreeter().greet(who); }
                    public static String banner() throws IOException {
                        try (InputStream in = HelloGreeter.class.getResourceAsStream("/demo/banner.txt")) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                }
                """);
        write(src, "demo/impl/Messages.java", """
                package demo.impl;
                class Messages { static String prefix() { return "Hello, "; } }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "javac failed");

        contents = new LinkedHashMap<>();
        contents.put("META-INF/", new byte[0]);
        contents.put("META-INF/services/demo.Greeter", "# a comment\ndemo.impl.HelloGreeter\n".getBytes(UTF_8));
        contents.put("demo/", new byte[0]);
        contents.put("demo/impl/", new byte[0]);
        for (String name : List.of("demo/Greeter.class", "demo/impl/HelloGreeter.class",
                "demo/impl/Messages.class")) {
            contents.put(name, Files.readAllBytes(classes.resolve(name)));
        }
        contents.put("demo/banner.txt", "frozen banner ✓".getBytes(UTF_8));
        contents.put("data/odd name #1?.txt", "odd".getBytes(UTF_8));
        image = direct(jar(contents, Set.of()));
    }

    @Test
    void loadsAndRunsClassesFromTheImage() throws Exception {
        FrozenLoader loader = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());

        Class<?> greeter = loader.loadClass("demo.impl.HelloGreeter");
        Method hello = greeter.getMethod("hello", String.class);

        assertEquals("Hello, C", hello.invoke(null, "C"));
        assertSame(loader, greeter.getClassLoader());
        assertSame(loader, loader.loadClass("demo.impl.Messages").getClassLoader());
        assertSame(greeter, loader.loadClass("demo.impl.HelloGreeter"));
        assertEquals("demo.impl", greeter.getPackage().getName());
        assertSame(greeter.getPackage(), loader.getDefinedPackage("demo.impl"));
        assertEquals("jembed:demo_lib!/",
                greeter.getProtectionDomain().getCodeSource().getLocation().toString());
        assertEquals("jembed:demo_lib", loader.getName());
        assertTrue(loader.isRegisteredAsParallelCapable());
    }

    @Test
    void readsTheImageFromPositionToLimitAndLeavesTheBufferAlone() throws Exception {
        byte[] jar = jar(contents, Set.of());
        ByteBuffer buffer = ByteBuffer.allocateDirect(jar.length + 10);
        buffer.position(5);
        buffer.put(jar).flip().position(5);

        FrozenLoader loader = new FrozenLoader(buffer, LIB, null);

        assertEquals("Hello, P", loader.loadClass("demo.impl.HelloGreeter")
                .getMethod("hello", String.class).invoke(null, "P"));
        assertEquals(5, buffer.position());
        assertEquals(jar.length + 5, buffer.limit());
        assertEquals(java.nio.ByteOrder.BIG_ENDIAN, buffer.order());
    }

    @Test
    void twoLoadersOverOneImageAreIsolated() throws Exception {
        FrozenLoader a = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());
        FrozenLoader b = new FrozenLoader(image, "other", ClassLoader.getPlatformClassLoader());

        Class<?> ca = a.loadClass("demo.impl.HelloGreeter");
        Class<?> cb = b.loadClass("demo.impl.HelloGreeter");

        assertNotSame(ca, cb);
        assertNotSame(a.loadClass("demo.Greeter"), b.loadClass("demo.Greeter"));
        assertEquals("Hello, B", cb.getMethod("hello", String.class).invoke(null, "B"));
    }

    @Test
    void doesNotSeeTheApplicationClassPath() {
        FrozenLoader loader = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());

        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Test.class.getName()));
        assertThrows(ClassNotFoundException.class,
                () -> loader.loadClass(FrozenLoaderTest.class.getName()));
    }

    @Test
    void missingClassIsClassNotFound() {
        FrozenLoader loader = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());

        ClassNotFoundException e = assertThrows(ClassNotFoundException.class,
                () -> loader.loadClass("demo.impl.Missing"));
        assertTrue(e.getMessage().contains("demo.impl.Missing"), e.getMessage());
        assertTrue(e.getMessage().contains("jembed:demo_lib"), e.getMessage());
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("demo/impl/Messages"));
    }

    @Test
    void readsResourcesThroughStreamsAndUrls() throws Exception {
        FrozenLoader loader = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());

        try (InputStream in = loader.getResourceAsStream("demo/banner.txt")) {
            assertNotNull(in);
            assertEquals("frozen banner ✓", new String(in.readAllBytes(), UTF_8));
        }
        URL url = loader.getResource("demo/banner.txt");
        assertEquals("jembed:demo_lib!/demo/banner.txt", url.toString());
        assertEquals(contents.get("demo/banner.txt").length, url.openConnection().getContentLength());
        try (InputStream in = url.openStream()) {
            assertArrayEquals(contents.get("demo/banner.txt"), in.readAllBytes());
        }
        // names are taken verbatim: no split at '?' or '#'
        URL odd = loader.getResource("data/odd name #1?.txt");
        assertEquals("jembed:demo_lib!/data/odd name #1?.txt", odd.toString());
        try (InputStream in = odd.openStream()) {
            assertEquals("odd", new String(in.readAllBytes(), UTF_8));
        }
        assertEquals(List.of(url), Collections.list(loader.getResources("demo/banner.txt")));
        assertNull(loader.getResource("demo/missing.txt"));
        assertNull(loader.getResourceAsStream("demo/missing.txt"));
        // a class in the image reads its own resource through Class.getResourceAsStream
        Class<?> greeter = loader.loadClass("demo.impl.HelloGreeter");
        assertEquals("frozen banner ✓", greeter.getMethod("banner").invoke(null));
    }

    @Test
    void serviceLoaderFindsServicesInTheImage() throws Exception {
        FrozenLoader loader = new FrozenLoader(image, LIB, ClassLoader.getPlatformClassLoader());
        Class<?> service = loader.loadClass("demo.Greeter");

        List<String> greetings = new ArrayList<>();
        for (Object provider : ServiceLoader.load(service, loader)) {
            greetings.add((String) service.getMethod("greet", String.class).invoke(provider, "S"));
            assertSame(loader, provider.getClass().getClassLoader());
        }

        assertEquals(List.of("Hello, S"), greetings);
    }

    @Test
    void countsEntriesAndNamesTheLibrary() {
        FrozenLoader loader = new FrozenLoader(image, LIB, null);

        assertEquals(contents.size(), loader.size());
        assertEquals(LIB, loader.libraryName());
        assertTrue(loader.toString().contains(LIB), loader.toString());
    }

    @Test
    void rejectsCompressedEntryByName() throws IOException {
        ByteBuffer deflated = direct(jar(contents, Set.of("demo/banner.txt")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrozenLoader(deflated, LIB, null));

        assertTrue(e.getMessage().contains("'demo/banner.txt'"), e.getMessage());
        assertTrue(e.getMessage().contains("compressed (method 8"), e.getMessage());
        assertTrue(e.getMessage().contains(LIB), e.getMessage());
    }

    @Test
    void rejectsTruncatedImage() throws IOException {
        byte[] whole = jar(contents, Set.of());

        for (int keep : new int[] {whole.length - 1, whole.length / 2, 21, 0}) {
            byte[] cut = java.util.Arrays.copyOf(whole, keep);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FrozenLoader(direct(cut), LIB, null), "kept " + keep + " bytes");
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void rejectsImageWhoseCentralDirectoryPointsOutside() throws IOException {
        byte[] bytes = jar(contents, Set.of());
        // drop the first 100 bytes: every offset in the central directory now overshoots
        byte[] shifted = java.util.Arrays.copyOfRange(bytes, 100, bytes.length);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrozenLoader(direct(shifted), LIB, null));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void bootPackageHasOnlyTheListedClassesAndNoInvokedynamic() throws IOException {
        Path dir = bootPackageDirectory();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }

        assertEquals(new TreeSet<>(BOOT_CLASS_FILES), names);
        for (String name : names) {
            // a BootstrapMethods attribute is present iff the class has invokedynamic/condy
            // (lambdas, string concatenation with +, records' methods, pattern switches)
            String text = new String(Files.readAllBytes(dir.resolve(name)), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("BootstrapMethods"), name + " uses invokedynamic");
        }
    }

    /**
     * Does what the native side does: define the boot package's class files, and nothing
     * else, into an empty URLClassLoader whose parent is the platform loader, then construct
     * FrozenLoader reflectively and load through it.
     */
    @Test
    void bootstrapsFromTheBootPackageAlone() throws Exception {
        Path dir = bootPackageDirectory();
        try (Host host = new Host()) {
            for (String file : BOOT_CLASS_FILES) {
                String binaryName = "org.jembed.runtime.boot." + file.substring(0, file.length() - 6);
                host.define(binaryName, Files.readAllBytes(dir.resolve(file)));
            }
            Class<?> frozenLoader = host.loadClass(FrozenLoader.class.getName());
            assertNotSame(FrozenLoader.class, frozenLoader);
            assertSame(host, frozenLoader.getClassLoader());

            ClassLoader loader = (ClassLoader) frozenLoader
                    .getConstructor(ByteBuffer.class, String.class, ClassLoader.class)
                    .newInstance(image, LIB, ClassLoader.getPlatformClassLoader());
            Class<?> greeter = loader.loadClass("demo.impl.HelloGreeter");

            assertEquals("Hello, boot", greeter.getMethod("hello", String.class).invoke(null, "boot"));
            assertEquals("frozen banner ✓", greeter.getMethod("banner").invoke(null));
            assertEquals(contents.size(), frozenLoader.getMethod("size").invoke(loader));
        }
    }

    /** The bootstrap host: an empty URLClassLoader over the platform loader, plus DefineClass. */
    private static final class Host extends URLClassLoader {
        Host() {
            super(new URL[0], ClassLoader.getPlatformClassLoader());
        }

        void define(String name, byte[] bytes) {
            defineClass(name, bytes, 0, bytes.length);
        }
    }

    private static Path bootPackageDirectory() {
        try {
            Path classes = Path.of(FrozenLoader.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return classes.resolve("org/jembed/runtime/boot");
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path root, String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /**
     * Builds a jar in memory; entries are STORED unless named in {@code deflated}. Access
     * times are set so that local headers carry a longer extra field (extended timestamp,
     * mtime + atime) than central headers (mtime only), as real jars may.
     */
    private static byte[] jar(Map<String, byte[]> entries, Set<String> deflated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] data = e.getValue();
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
                entry.setLastAccessTime(FileTime.fromMillis(1_700_000_001_000L));
                if (deflated.contains(e.getKey())) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
}
