package org.jembed.runtime.boot;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Objects;

/**
 * The class loader of one jembed library: it defines classes and serves resources straight
 * out of the library's <em>frozen image</em>, a STORED-only zip archive embedded in the
 * {@code lib<name>.so} and handed to Java as a direct {@link ByteBuffer} (JNI
 * {@code NewDirectByteBuffer}) over read-only memory.
 *
 * <p><b>Bootstrap.</b> The native side defines every class of the package
 * {@code org.jembed.runtime.boot} with JNI {@code DefineClass} into an empty host
 * {@code URLClassLoader}, then calls {@link #FrozenLoader(ByteBuffer, String, ClassLoader)}.
 * This package therefore references only JDK classes and itself, and uses no lambdas (no
 * {@code invokedynamic} bootstrap at start). Its class files are {@code FrozenLoader.class},
 * {@code FrozenLoader$Handler.class} and {@code FrozenLoader$Connection.class}.
 *
 * <p><b>Image format.</b> The constructor reads the end of central directory record and the
 * central directory (PKWARE APPNOTE.TXT 6.3.x, sections 4.3.16 and 4.3.12) without
 * {@code java.util.zip}. Every entry must use compression method 0, "stored" (APPNOTE 4.4.5),
 * must not be encrypted (general purpose flag bit 0, APPNOTE 4.4.4), and the archive must not
 * be ZIP64 (APPNOTE 4.3.14, 4.3.15) or span several disks; entry names are decoded as UTF-8;
 * duplicate names are rejected. An entry's data begins after its local file header
 * (APPNOTE 4.3.7), whose name and extra field lengths are read when the entry is first used,
 * so that opening a library touches only the central directory pages of the image.
 *
 * <p><b>Classes.</b> {@link #findClass(String)} defines the class from a slice of the image
 * (no copy) with a {@link ProtectionDomain} whose {@link CodeSource} location is
 * {@code jembed:<libraryName>!/}. Delegation is the standard parent-first
 * {@link ClassLoader#loadClass(String)}; the parent is normally the platform class loader, so
 * the application class path and other jembed libraries are not visible.
 *
 * <p><b>Resources.</b> Resource URLs have the form {@code jembed:<libraryName>!/<entry name>};
 * they carry a {@link URLStreamHandler} of this loader, so {@link URL#openStream()} reads the
 * bytes from the image. A URL rebuilt from its string form has no handler and cannot be
 * opened. {@link java.util.ServiceLoader} finds {@code META-INF/services/} entries of the image.
 *
 * <p>The loader is parallel capable; all reads of the image are absolute and never change the
 * position of the buffer given to the constructor.
 */
public final class FrozenLoader extends ClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** URL scheme of classes' code source and resources: {@code jembed:<lib>!/<entry>}. */
    private static final String SCHEME = "jembed";

    /** APPNOTE 4.3.7: local file header signature and fixed length. */
    private static final int LOC_SIG = 0x04034b50;
    private static final int LOC_LEN = 30;
    /** APPNOTE 4.3.12: central directory file header signature and fixed length. */
    private static final int CEN_SIG = 0x02014b50;
    private static final int CEN_LEN = 46;
    /** APPNOTE 4.3.16: end of central directory record signature and fixed length. */
    private static final int END_SIG = 0x06054b50;
    private static final int END_LEN = 22;
    /** APPNOTE 4.3.15: ZIP64 end of central directory locator signature and length. */
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_LOCATOR_LEN = 20;
    /** The largest zip file comment (its length is a 16-bit field). */
    private static final int MAX_COMMENT = 0xFFFF;

    private final String libraryName;
    /** Read-only little-endian view of the whole image, position 0. */
    private final ByteBuffer image;
    /**
     * Entry name to {@code (localHeaderOffset << 32) | size}; both halves are non-negative
     * ints because the image is a {@link ByteBuffer}.
     */
    private final HashMap<String, Long> entries;
    /** End of the entries' data: the offset of the central directory. */
    private final int dataLimit;
    private final Handler handler;
    private final String urlPrefix;
    /** Suffix of "not found" messages: {@code " (not in jembed:<lib>)"}. */
    private final String notIn;
    private final ProtectionDomain protectionDomain;

    /**
     * Opens a frozen image and makes a class loader over it.
     *
     * @param image the archive, from its position to its limit (normally a direct buffer over
     *     the read-only memory of the {@code .so}); it is never written to and its position,
     *     limit and byte order are left unchanged; it must stay valid as long as this loader
     *     or any class it defined is reachable
     * @param libraryName the library's {@code <name>} (as in {@code lib<name>.so}); it names
     *     this loader ({@code "jembed:" + libraryName}, see {@link #getName()}), its URLs and
     *     its error messages
     * @param parent the parent for delegation, normally
     *     {@link ClassLoader#getPlatformClassLoader()}; {@code null} means the bootstrap loader
     * @throws NullPointerException if {@code image} or {@code libraryName} is null
     * @throws IllegalArgumentException if the image is not a zip archive, is truncated, is
     *     ZIP64 or multi-disk, or has an entry that is compressed, encrypted, duplicated or
     *     outside the image; the message names the library and the entry
     */
    public FrozenLoader(ByteBuffer image, String libraryName, ClassLoader parent) {
        super(SCHEME.concat(":").concat(Objects.requireNonNull(libraryName, "libraryName")), parent);
        this.libraryName = libraryName;
        this.image = Objects.requireNonNull(image, "image").slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
        this.handler = new Handler(this);
        this.notIn = " (not in ".concat(getName()).concat(")");
        this.urlPrefix = SCHEME.concat(":").concat(libraryName).concat("!/");

        int end = findEndRecord();
        int count = u16(end + 10);
        int cenSize = i32(end + 12);
        int cenOffset = i32(end + 16);
        if (u16(end + 4) != 0 || u16(end + 6) != 0 || u16(end + 8) != count) {
            throw bad("the archive spans several disks (APPNOTE 4.3.16);"
                    + " rebuild it as a single file");
        }
        if (count == 0xFFFF || cenSize == -1 || cenOffset == -1
                || (end >= ZIP64_LOCATOR_LEN && i32(end - ZIP64_LOCATOR_LEN) == ZIP64_LOCATOR_SIG)) {
            throw bad("the archive is ZIP64 (APPNOTE 4.3.14), which is not supported; "
                    + "it must have fewer than 65535 entries and be smaller than 4 GiB");
        }
        if (cenOffset < 0 || cenSize < 0 || (long) cenOffset + cenSize > end) {
            throw bad(str("the central directory (offset ", Integer.toUnsignedString(cenOffset),
                    ", ", Integer.toUnsignedString(cenSize), " bytes) lies outside the ", end,
                    " bytes before the end record; the image is truncated or corrupt"));
        }
        this.dataLimit = cenOffset;
        this.entries = HashMap.newHashMap(count);
        readCentralDirectory(cenOffset, cenOffset + cenSize, count);

        URL location = url("");
        this.protectionDomain = new ProtectionDomain(
                new CodeSource(location, (CodeSigner[]) null), null, this, null);
    }

    /**
     * Returns the number of entries in the image: classes, resources and directories, as
     * listed in its central directory.
     *
     * @return the entry count, 0 to 65534
     */
    public int size() {
        return entries.size();
    }

    /**
     * Returns the native address of the image, for the library's symbol table that the glue places right before
     * it ({@code org.jembed.runtime.Symbols}).
     *
     * @return the address of the image's first byte
     * @throws IllegalStateException if the image is not a direct buffer (as in unit tests)
     */
    public long imageAddress() {
        if (!image.isDirect()) {
            throw new IllegalStateException(getName().concat(": the image is not in native memory"));
        }
        return java.lang.foreign.MemorySegment.ofBuffer(image).address();
    }

    /**
     * Returns the library name given to the constructor.
     *
     * @return the {@code <name>} of {@code lib<name>.so}
     */
    public String libraryName() {
        return libraryName;
    }

    /**
     * Defines a class whose {@code .class} entry is in the image, without copying its bytes.
     * Its package is defined first, once, if this loader has not defined it yet.
     *
     * @param name binary name, e.g. {@code com.example.Outer$Inner}
     * @return the newly defined class
     * @throws ClassNotFoundException if the image has no entry {@code com/example/Outer$Inner.class}
     * @throws ClassFormatError if the entry's local header is corrupt or the bytes are not a
     *     valid class file (as {@link ClassLoader#defineClass(String, ByteBuffer, ProtectionDomain)})
     */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.indexOf('/') >= 0 || name.startsWith("[")) {
            throw new ClassNotFoundException(name);
        }
        String entry = name.replace('.', '/').concat(".class");
        Long packed = entries.get(entry);
        if (packed == null) {
            throw new ClassNotFoundException(name.concat(notIn));
        }
        ByteBuffer bytes;
        try {
            bytes = data(entry, packed);
        } catch (IOException e) {
            throw new ClassFormatError(e.getMessage());
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String packageName = name.substring(0, dot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException definedConcurrently) {
                    // another thread defined it between the check and the call
                }
            }
        }
        return defineClass(name, bytes, protectionDomain);
    }

    /**
     * Finds a resource in the image.
     *
     * @param name the entry name, {@code /}-separated, without a leading {@code /}
     * @return {@code jembed:<libraryName>!/<name>}, openable with {@link URL#openStream()},
     *     or {@code null} if the image has no such entry
     */
    @Override
    protected URL findResource(String name) {
        return entries.containsKey(name) ? url(name) : null;
    }

    /**
     * Finds a resource in the image; an image holds each name at most once.
     *
     * @param name the entry name, {@code /}-separated, without a leading {@code /}
     * @return an enumeration of zero or one URL, as {@link #findResource(String)}
     */
    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration()
                : Collections.enumeration(Collections.singletonList(url));
    }

    /**
     * Describes this loader.
     *
     * @return e.g. {@code FrozenLoader[jembed:mylib, 42 entries]}
     */
    @Override
    public String toString() {
        return str("FrozenLoader[", getName(), ", ", entries.size(), " entries]");
    }

    // ---- image parsing ----

    /** Returns the offset of the end of central directory record (APPNOTE 4.3.16). */
    private int findEndRecord() {
        int size = image.limit();
        int last = size - END_LEN;
        int first = Math.max(0, last - MAX_COMMENT);
        for (int p = last; p >= first; p--) {
            // the record is valid only if its comment reaches exactly the end of the image
            if (i32(p) == END_SIG && p + END_LEN + u16(p + 20) == size) {
                return p;
            }
        }
        throw bad(str("no end of central directory record (APPNOTE 4.3.16) in its ", size,
                " bytes; the image is not a zip archive or is truncated"));
    }

    /** Reads the central directory file headers (APPNOTE 4.3.12) into {@link #entries}. */
    private void readCentralDirectory(int start, int limit, int count) {
        byte[] nameBytes = new byte[256];
        int p = start;
        for (int i = 0; i < count; i++) {
            if (p > limit - CEN_LEN || i32(p) != CEN_SIG) {
                throw bad(str("central directory header ", i + 1, " of ", count,
                        " is missing at offset ", p, " (APPNOTE 4.3.12);",
                        " the image is truncated or corrupt"));
            }
            int flags = u16(p + 8);
            int method = u16(p + 10);
            int compressedSize = i32(p + 20);
            int size = i32(p + 24);
            int nameLength = u16(p + 28);
            int next = p + CEN_LEN + nameLength + u16(p + 30) + u16(p + 32);
            int localOffset = i32(p + 42);
            if (next > limit) {
                throw bad(str("central directory header ", i + 1, " of ", count,
                        " runs past the end of the central directory;",
                        " the image is truncated or corrupt"));
            }
            if (nameBytes.length < nameLength) {
                nameBytes = new byte[nameLength];
            }
            image.get(p + CEN_LEN, nameBytes, 0, nameLength);
            String name = new String(nameBytes, 0, nameLength, StandardCharsets.UTF_8);

            if (method != 0) {
                throw bad(str("entry '", name, "' is compressed (method ", method,
                        method == 8 ? ", deflated" : "", "); a frozen image must store",
                        " every entry uncompressed (method 0, APPNOTE 4.4.5)"));
            }
            if ((flags & 1) != 0) {
                throw bad(str("entry '", name, "' is encrypted (APPNOTE 4.4.4),",
                        " which is not supported"));
            }
            if (size == -1 || compressedSize == -1 || localOffset == -1) {
                throw bad(str("entry '", name, "' has ZIP64 sizes or offset (APPNOTE 4.5.3),",
                        " which are not supported"));
            }
            if (size != compressedSize) {
                throw bad(str("entry '", name, "' is stored but its compressed size ",
                        Integer.toUnsignedString(compressedSize), " differs from its size ",
                        Integer.toUnsignedString(size), "; the image is corrupt"));
            }
            if (localOffset < 0 || size < 0
                    || (long) localOffset + LOC_LEN + nameLength + size > dataLimit) {
                throw bad(str("entry '", name, "' (local header at offset ",
                        Integer.toUnsignedString(localOffset), ", ",
                        Integer.toUnsignedString(size), " bytes) lies outside the ",
                        dataLimit, " bytes before the central directory;",
                        " the image is truncated or corrupt"));
            }
            if (entries.putIfAbsent(name, ((long) localOffset << 32) | size) != null) {
                throw bad(str("entry '", name, "' occurs more than once;",
                        " a frozen image must hold each name once"));
            }
            p = next;
        }
    }

    /**
     * Returns a read-only slice over an entry's data, after its local file header
     * (APPNOTE 4.3.7), whose name and extra field lengths may differ from the central ones.
     */
    private ByteBuffer data(String name, long packed) throws IOException {
        int localOffset = (int) (packed >>> 32);
        int size = (int) packed;
        if (i32(localOffset) != LOC_SIG) {
            throw new IOException(str(getName(), ": entry '", name,
                    "' has no local file header at offset ", localOffset,
                    " (APPNOTE 4.3.7); the image is corrupt"));
        }
        int dataOffset = localOffset + LOC_LEN + u16(localOffset + 26) + u16(localOffset + 28);
        if (dataOffset > dataLimit - size) {
            throw new IOException(str(getName(), ": entry '", name, "' data (offset ",
                    dataOffset, ", ", size, " bytes) runs into the central directory at offset ",
                    dataLimit, "; the image is corrupt"));
        }
        return image.slice(dataOffset, size);
    }

    /** Returns the URL of an entry, with this loader's handler. */
    @SuppressWarnings("deprecation") // URL.of(URI, handler) would %-encode the entry name
    private URL url(String name) {
        try {
            return new URL(null, urlPrefix.concat(name), handler);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e); // cannot happen: the scheme is set and known
        }
    }

    private int u16(int offset) {
        return image.getShort(offset) & 0xFFFF;
    }

    private int i32(int offset) {
        return image.getInt(offset);
    }

    private IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(
                str("jembed library '", libraryName, "': invalid frozen image: ", message));
    }

    /**
     * Concatenates without {@code invokedynamic}: javac compiles {@code +} on strings to a
     * {@code StringConcatFactory} call site, whose bootstrap would cost start-up time.
     */
    private static String str(Object... parts) {
        StringBuilder sb = new StringBuilder(128);
        for (Object part : parts) {
            sb.append(part);
        }
        return sb.toString();
    }

    // ---- resource URLs ----

    /**
     * Handler of this loader's {@code jembed:<lib>!/<entry>} URLs. The whole text after the
     * scheme is the path: entry names are not resolved, normalized or split at {@code ?}
     * or {@code #}.
     */
    private static final class Handler extends URLStreamHandler {
        private final FrozenLoader loader;

        Handler(FrozenLoader loader) {
            this.loader = loader;
        }

        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            setURL(u, u.getProtocol(), null, -1, null, null, spec.substring(start), null, null);
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            String path = u.getPath();
            String prefix = loader.urlPrefix.substring(SCHEME.length() + 1);
            String name = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
            Long packed = name == null ? null : loader.entries.get(name);
            if (packed == null) {
                throw new FileNotFoundException(u.toString().concat(loader.notIn));
            }
            return new Connection(u, loader.data(name, packed));
        }
    }

    /** A connection to one entry's bytes; reading copies them, the image stays untouched. */
    private static final class Connection extends URLConnection {
        private final ByteBuffer data;

        Connection(URL url, ByteBuffer data) {
            super(url);
            this.data = data;
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public InputStream getInputStream() {
            connected = true;
            byte[] bytes = new byte[data.capacity()];
            data.get(0, bytes);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLengthLong() {
            return data.capacity();
        }
    }
}
