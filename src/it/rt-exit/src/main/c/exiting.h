/* What a host's exit must not lose: buffered writes, shutdown hooks, deleteOnExit files, buffered System.out. */
#ifndef EXITING_H
#define EXITING_H
#include <stdint.h>

int32_t value(void);
/* Appends text to path through one BufferedWriter (opened by the first call), closed by a shutdown hook. */
int32_t write_line(const char *path, const char *text);
/* Creates path and marks it File.deleteOnExit. */
int32_t delete_on_exit(const char *path);
/* Registers a shutdown hook thread named name: sleeps sleep_ms, then appends its process id to marker. */
int32_t add_hook(const char *marker, int32_t sleep_ms, const char *name);
/* System.out.print(text): no newline, so it stays in System.out's buffer. */
int32_t print_unflushed(const char *text);
/* Sleeps ms milliseconds in Java. */
int32_t slow(int32_t ms);
/* Java calls user C's exit_now(status), which calls exit(status) inside the Java call. */
int32_t exit_from_java(int32_t status);
/* System.exit(status): Java's own exit. */
int32_t java_system_exit(int32_t status);
int exiting_shutdown(void);
#endif
