package org.example;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.example.capi.exit_now_h;
import org.jembed.runtime.Export;

public final class Exiting {
    private static BufferedWriter writer;

    @Export
    public static int value() {
        return 42;
    }

    @Export
    public static synchronized int write_line(String path, String text) throws IOException {
        if (writer == null) {
            BufferedWriter w = Files.newBufferedWriter(Path.of(path));
            writer = w;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    w.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "writer-hook"));
        }
        writer.write(text);
        return 0;
    }

    @Export
    public static int delete_on_exit(String path) throws IOException {
        File f = new File(path);
        f.createNewFile();
        f.deleteOnExit();
        return f.exists() ? 0 : -1;
    }

    @Export
    public static int add_hook(String marker, int sleepMs, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(sleepMs);
                Files.writeString(Path.of(marker), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, name));
        return 0;
    }

    @Export
    public static int print_unflushed(String text) {
        System.out.print(text);
        return 0;
    }

    @Export
    public static int slow(int ms) throws InterruptedException {
        Thread.sleep(ms);
        return ms;
    }

    @Export
    public static int exit_from_java(int status) {
        exit_now_h.exit_now(status);
        return -1;
    }

    @Export
    public static int java_system_exit(int status) {
        System.exit(status);
        return -1;
    }
}
