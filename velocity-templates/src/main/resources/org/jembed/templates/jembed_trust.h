/*
 * jembed trust policy, compiled into every jembed library (not generated: a fixed file). Every symbol is hidden.
 *
 * Secure mode (docs: "Security"): when the process runs with elevated privileges (Linux: the kernel's AT_SECURE, as
 * secure_getenv tests: set-user-ID, set-group-ID, file capabilities; macOS: issetugid; or real and effective ids that
 * differ; Windows has no such process: jembed_os_privileged), or the library was built with
 * <trustEnvironment>false</trustEnvironment>, the library reads no environment variable at all and loads libjvm only
 * from a file no other user can replace (jembed_os_trusted_path: on Windows only the full path of a regular file).
 */
#ifndef JEMBED_TRUST_H
#define JEMBED_TRUST_H

#include <stddef.h>

#include "jembed_runtime.h"

/* 1 in secure mode, 0 otherwise. The process's privileges are taken once, when the library is loaded. */
JEMBED_HIDDEN int jembed_secure_mode(const jembed_library *lib);

/*
 * getenv(name), or NULL in secure mode, where a variable that is set is noted as ignored (its value is never used or
 * printed). JAVA_TOOL_OPTIONS and _JAVA_OPTIONS are read by HotSpot itself, not by jembed: for them this returns the
 * value whenever HotSpot will read it (it ignores both only when real and effective ids differ), so that the caller
 * can hide them from the JVM's creation (jembed_os_env_hide) or refuse.
 */
JEMBED_HIDDEN const char *jembed_getenv(const jembed_library *lib, const char *name);

/* Notes name as a variable this library would have used and did not (secure mode), for jembed_report_ignored. */
JEMBED_HIDDEN void jembed_note_ignored(const char *name);

/*
 * In a privileged process (not with the trust switch alone: there the environment is the process user's own), one
 * line on stderr naming every variable noted as ignored so far, once per library; nothing when none was noted.
 */
JEMBED_HIDDEN void jembed_report_ignored(const jembed_library *lib);

/*
 * Whether the shared object at path (size bytes, NUL-terminated) may be loaded. Outside secure mode: always 1.
 * In secure mode (POSIX; on Windows see jembed_os_trusted_path): path is replaced by its real path (load that one)
 * and 1 is returned when the file and every directory above it up to / are owned by root or by the owner of this
 * library's file and writable by nobody else (a directory with the sticky bit, such as /tmp, may be writable by
 * others); otherwise 0, with why (n bytes) saying which path failed and how; a file that exists but is refused is also reported on stderr at once, since the start
 * may go on with another place and then prints nothing else.
 */
JEMBED_HIDDEN int jembed_trusted_file(const jembed_library *lib, char *path, size_t size, char *why, size_t n);

#endif
