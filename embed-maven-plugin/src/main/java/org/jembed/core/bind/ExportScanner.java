package org.jembed.core.bind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds {@code @Export} and {@code @Init} methods in compiled classes by reading class files (ASM), so
 * nothing is loaded into Maven's JVM and the classes may target a newer Java than Maven runs on.
 */
public final class ExportScanner {
    static final String EXPORT = "Lorg/jembed/runtime/Export;";
    static final String INIT = "Lorg/jembed/runtime/Init;";

    /**
     * A method carrying {@code @Export} or {@code @Init}.
     *
     * @param className   internal name of the declaring class, e.g. {@code com/example/Init}
     * @param classAccess the class's access flags (JVMS 4.1)
     * @param methodName  the method's name
     * @param descriptor  the method descriptor, e.g. {@code (Lcom/example/capi/point_t;)I}
     * @param access      the method's access flags (JVMS 4.6)
     * @param cName       for {@code @Export}: the C name it implements (annotation value, else the method name)
     * @param init        true for {@code @Init}, false for {@code @Export}
     * @param sourceFile  the class's source file name ({@code Init.java}), or the class name when absent
     * @param line        the first line of the method body, or 0 when the class has no line numbers
     * @param error       {@code @Export(error = ...)}: the error value as written; empty when not given
     * @param onError     {@code @Export(onError = ...)}: the handler method's name; empty when not given
     */
    public record Found(String className, int classAccess, String methodName, String descriptor, int access,
                        String cName, boolean init, String sourceFile, int line, String error, String onError) {
        /** A method without {@code error} and {@code onError}. */
        public Found(String className, int classAccess, String methodName, String descriptor, int access,
                     String cName, boolean init, String sourceFile, int line) {
            this(className, classAccess, methodName, descriptor, access, cName, init, sourceFile, line, "", "");
        }

        /** {@code com.example.Init.do_stuff}, for messages. */
        public String javaName() {
            return className.replace('/', '.') + "." + methodName;
        }

        /** {@code Init.java:12}, for messages. */
        public String where() {
            return line > 0 ? sourceFile + ":" + line : sourceFile;
        }

        /** True when the method is public static in a public class, as the binding needs. */
        public boolean callable() {
            return (access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_PUBLIC) != 0
                    && (classAccess & Opcodes.ACC_PUBLIC) != 0;
        }
    }

    /**
     * What a scan found.
     *
     * @param found         the {@code @Export} and {@code @Init} methods
     * @param staticMethods every {@code public static} method of a public class, as
     *                      {@code com/example/Init.name(descriptor)}: the candidates for {@code onError} handlers
     */
    public record Scan(List<Found> found, java.util.Set<String> staticMethods) {}

    private ExportScanner() {
    }

    /**
     * Scans every {@code .class} file under {@code classesDir}, also collecting the public static methods.
     *
     * @throws IOException when a class file cannot be read
     */
    public static Scan scanAll(Path classesDir) throws IOException {
        List<Found> found = new ArrayList<>();
        java.util.Set<String> methods = new java.util.HashSet<>();
        for (Path file : classFiles(classesDir)) {
            try (InputStream in = Files.newInputStream(file)) {
                scan(new ClassReader(in), found, methods);
            }
        }
        return new Scan(found, methods);
    }

    /**
     * Scans every {@code .class} file under {@code classesDir}, in a stable (path) order.
     *
     * @throws IOException when a class file cannot be read
     */
    public static List<Found> scan(Path classesDir) throws IOException {
        return scanAll(classesDir).found();
    }

    private static List<Path> classFiles(Path classesDir) throws IOException {
        if (!Files.isDirectory(classesDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(classesDir)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static void scan(ClassReader reader, List<Found> out, java.util.Set<String> methods) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            String className;
            int classAccess;
            String source;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                className = name;
                classAccess = access;
                source = name.substring(name.lastIndexOf('/') + 1) + ".class";
            }

            @Override
            public void visitSource(String file, String debug) {
                if (file != null) {
                    source = file;
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_PUBLIC) != 0
                        && (classAccess & Opcodes.ACC_PUBLIC) != 0) {
                    methods.add(className + "." + name + descriptor);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    String exportName;
                    String error = "";
                    String onError = "";
                    boolean init;
                    int firstLine;

                    @Override
                    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        if (desc.equals(EXPORT)) {
                            exportName = name;
                            return new AnnotationVisitor(Opcodes.ASM9) {
                                @Override
                                public void visit(String key, Object value) {
                                    if (key.equals("value") && value instanceof String s && !s.isEmpty()) {
                                        exportName = s;
                                    } else if (key.equals("error") && value instanceof String s) {
                                        error = s.strip();
                                    } else if (key.equals("onError") && value instanceof String s) {
                                        onError = s.strip();
                                    }
                                }
                            };
                        }
                        if (desc.equals(INIT)) {
                            init = true;
                        }
                        return null;
                    }

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        if (firstLine == 0 || line < firstLine) {
                            firstLine = line;
                        }
                    }

                    @Override
                    public void visitEnd() {
                        if (exportName != null) {
                            out.add(new Found(className, classAccess, name, descriptor, access, exportName, false, source, firstLine,
                                    error, onError));
                        }
                        if (init) {
                            out.add(new Found(className, classAccess, name, descriptor, access, "", true, source, firstLine));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }
}
