/*
 * jembed platform layer, compiled into every jembed library (not generated: a fixed file). The one place that knows
 * how the operating system loads libraries, runs threads, locks, tells time and says whether the process is
 * privileged: jembed_runtime.c and jembed_trust.c call only what this header declares, and the implementations live
 * one per OS family (jembed_platform_posix.c: Linux and macOS; jembed_platform_windows.c), each wrapped whole in an
 * #if for its OS, so a build may compile all of them everywhere. Every function is hidden (not exported).
 *
 *                  Linux (ELF)                  macOS (Mach-O, untested)        Windows (PE/COFF, mingw-w64)
 *  library         dlopen/dlsym/dlerror         dlopen/dlsym/dlerror            LoadLibraryExW/GetProcAddress
 *  libjvm          <home>/lib/server/libjvm.so  <home>/lib/server/libjvm.dylib  <home>\bin\server\jvm.dll
 *                                               <home>/Contents/Home/lib/...
 *  thread exit     pthread key destructor       pthread key destructor          fiber-local storage callback
 *  creation lock   abstract unix sockets        none: unlocked (see below)      named mutex + event, Local\...
 *  fork            pthread_atfork child hook    pthread_atfork child hook       no fork
 *  secure mode     AT_SECURE, uid/gid differ    issetugid(), uid/gid differ     only <trustEnvironment>false
 *
 * On Linux, a file that uses JEMBED_OS_MUTEX_INIT defines _GNU_SOURCE before its first #include (glibc's
 * PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP). velocity-templates/src/test/c/run.sh exercises this layer on every
 * platform whose tools are installed (natively, qemu-aarch64, wine), without a JVM.
 */
#ifndef JEMBED_PLATFORM_H
#define JEMBED_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define JEMBED_OS_WINDOWS 1
#elif defined(__APPLE__)
#define JEMBED_OS_MACOS 1
#define JEMBED_OS_POSIX 1
#else
#define JEMBED_OS_LINUX 1
#define JEMBED_OS_POSIX 1
#endif

/* ---- symbols: exported, hidden, thread-local ------------------------------------------------------ */

#if defined(JEMBED_OS_WINDOWS)
/* A DLL exports only what is marked so (once one symbol is, the linker exports no other); gcc warns about
   visibility attributes on PE, so hidden is the default and needs no mark. */
#define JEMBED_DLLEXPORT __declspec(dllexport)
#define JEMBED_HIDDEN
#else
#define JEMBED_DLLEXPORT __attribute__((visibility("default")))
#define JEMBED_HIDDEN __attribute__((visibility("hidden")))
#endif
/* The format archetype of printf-like functions: on Windows the runtime's printf is mingw-w64's own (C99 %zu, %lld:
   _GNU_SOURCE selects it), which gcc checks as gnu_printf; clang knows only printf. */
#if defined(JEMBED_OS_WINDOWS)
#define JEMBED_PRINTF gnu_printf
#else
#define JEMBED_PRINTF printf
#endif
/* ELF and Mach-O: the native TLS model (one load on the call path). mingw-w64: gcc's emulated TLS, from the static
   libgcc; with the win32 thread model (Debian's default x86_64-w64-mingw32-gcc) it needs only kernel32. */
#define JEMBED_TLS __thread

/* ---- the frozen image in assembly (frozen.c) ------------------------------------------------------ */

/* Read-only data section, a symbol's assembler name, the directive that keeps a global symbol out of the library's
   dynamic symbol table, and the image's 16-byte trailer: a magic number, then where the glue's hidden symbol table
   jembed_symbols is (org.jembed.runtime.Symbols reads both). Everywhere the static linker can resolve it, the trailer
   holds "jembed_symbols - ." in 32 bits (magic "EJSYMBLS"; no dynamic relocation; 32 bits because PE/COFF has no
   64-bit PC-relative relocation; Mach-O arm64: ARM64_RELOC_SUBTRACTOR). Mach-O x86_64 cannot express that difference
   to a symbol of another object, so there the trailer holds the absolute address (magic "EJSYMABS"), in __DATA,__const
   where dyld may rebase it. */
#define JEMBED_ASM_TRAILER_RELATIVE(sym) "  .quad 0x534c424d59534a45\n  .long " sym " - .\n  .long 0\n"
#if defined(JEMBED_OS_WINDOWS)
#define JEMBED_ASM_RODATA "  .section .rdata,\"dr\"\n"
#define JEMBED_ASM_NAME(s) #s
#define JEMBED_ASM_HIDE(s) ""
#define JEMBED_ASM_TRAILER JEMBED_ASM_TRAILER_RELATIVE("jembed_symbols")
#define JEMBED_ASM_END "  .text\n" /* COFF has no section stack; the file holds nothing after the image */
#elif defined(JEMBED_OS_MACOS)
#define JEMBED_ASM_NAME(s) "_" #s
#define JEMBED_ASM_HIDE(s) "  .private_extern _" #s "\n"
#define JEMBED_ASM_END "  .previous\n"
#if defined(__x86_64__)
#define JEMBED_ASM_RODATA "  .section __DATA,__const\n"
#define JEMBED_ASM_TRAILER "  .quad 0x5342414d59534a45\n  .quad _jembed_symbols\n"
#else
#define JEMBED_ASM_RODATA "  .section __TEXT,__const\n"
#define JEMBED_ASM_TRAILER JEMBED_ASM_TRAILER_RELATIVE("_jembed_symbols")
#endif
#else
#define JEMBED_ASM_RODATA "  .section .rodata\n"
#define JEMBED_ASM_NAME(s) #s
#define JEMBED_ASM_HIDE(s) "  .hidden " #s "\n"
#define JEMBED_ASM_TRAILER JEMBED_ASM_TRAILER_RELATIVE("jembed_symbols")
#define JEMBED_ASM_END "  .previous\n"
#endif

/* ---- paths --------------------------------------------------------------------------------------- */

/* Long enough for any path jembed builds (Linux PATH_MAX; Windows paths are converted from UTF-16 to UTF-8). */
#define JEMBED_PATH_MAX 4096

/* How messages name the directory of the library's own file ("beside me"). */
#if defined(JEMBED_OS_WINDOWS)
#define JEMBED_BESIDE_ME "<the DLL's directory>"
#elif defined(JEMBED_OS_MACOS)
#define JEMBED_BESIDE_ME "@loader_path"
#else
#define JEMBED_BESIDE_ME "$ORIGIN"
#endif

#if defined(JEMBED_OS_WINDOWS)
#define JEMBED_DIRSEP "\\"
#define JEMBED_FOPEN_READ "r" /* the system msvcrt.dll may not know "N"; the file is closed at once anyway */
#else
#define JEMBED_DIRSEP "/"
#define JEMBED_FOPEN_READ "re" /* e: O_CLOEXEC */
#endif

/* The call that loads a library, for JEMBED_TRACE's phase names. */
#if defined(JEMBED_OS_WINDOWS)
#define JEMBED_OS_LOADER "LoadLibraryExW"
#else
#define JEMBED_OS_LOADER "dlopen"
#endif

/* The file name of libjvm in messages ("libjvm.so"). */
extern const char jembed_os_libjvm_name[] JEMBED_HIDDEN;

/* Where libjvm lives inside a Java home, tried in this order; NULL-terminated. Each begins with JEMBED_DIRSEP. */
extern const char *const jembed_os_libjvm_paths[] JEMBED_HIDDEN;

/* ---- libraries ----------------------------------------------------------------------------------- */

/* Loads the shared library at path (UTF-8) with its symbols resolved now and visible to later libraries; NULL on
   failure, with the reason in why (n bytes, "<path>: <reason>"). */
JEMBED_HIDDEN void *jembed_os_open(const char *path, char *why, size_t n);

/* The address of symbol name in a library jembed_os_open returned; NULL when absent. */
JEMBED_HIDDEN void *jembed_os_symbol(void *library, const char *name);

/* A libjvm already loaded in this process (by the host or by another library), its path into path; NULL if none. */
JEMBED_HIDDEN void *jembed_os_loaded_libjvm(char *path, size_t size);

/* The path (UTF-8) of the file this library was loaded from into out; 0 on success, -1 when unknown (out = ""). */
JEMBED_HIDDEN int jembed_os_self_path(char *out, size_t size);

/* The directory of that file; "" when unknown. */
JEMBED_HIDDEN void jembed_os_self_dir(char *out, size_t size);

/* Keeps this library loaded for the rest of the process, whatever the host unloads later. */
JEMBED_HIDDEN void jembed_os_pin_self(void);

/* ---- threads ------------------------------------------------------------------------------------- */

#if defined(JEMBED_OS_WINDOWS)
/* The storage of SRWLOCK, CONDITION_VARIABLE and INIT_ONCE (one pointer each; no <windows.h> here, so that the glue
   and user headers compiled with it do not see its macros). */
typedef struct jembed_os_mutex {
    void *srw;                  /* SRWLOCK */
    unsigned long owner;        /* thread id holding it, 0 when free; atomic */
    unsigned depth;             /* recursion depth, by the owner */
} jembed_os_mutex;
typedef struct jembed_os_cond { void *cv; } jembed_os_cond;
typedef struct jembed_os_once { void *once; } jembed_os_once;
typedef void *jembed_os_thread;  /* HANDLE */
#define JEMBED_OS_MUTEX_INIT { NULL, 0, 0 }
#define JEMBED_OS_COND_INIT { NULL }
#define JEMBED_OS_ONCE_INIT { NULL }
#else
#include <pthread.h>
typedef pthread_mutex_t jembed_os_mutex;
typedef pthread_cond_t jembed_os_cond;
typedef pthread_once_t jembed_os_once;
typedef pthread_t jembed_os_thread;
#if defined(JEMBED_OS_MACOS)
#define JEMBED_OS_MUTEX_INIT PTHREAD_RECURSIVE_MUTEX_INITIALIZER
#else
#define JEMBED_OS_MUTEX_INIT PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP
#endif
#define JEMBED_OS_COND_INIT PTHREAD_COND_INITIALIZER
#define JEMBED_OS_ONCE_INIT PTHREAD_ONCE_INIT
#endif

/* A recursive mutex (statically initialised with JEMBED_OS_MUTEX_INIT). */
JEMBED_HIDDEN void jembed_os_mutex_lock(jembed_os_mutex *m);
JEMBED_HIDDEN void jembed_os_mutex_unlock(jembed_os_mutex *m);
/* Makes m a fresh unlocked mutex (the child of fork: its holder may not exist there). */
JEMBED_HIDDEN void jembed_os_mutex_reset(jembed_os_mutex *m);

/* Waits on c, releasing m (held once by this thread) meanwhile. */
JEMBED_HIDDEN void jembed_os_cond_wait(jembed_os_cond *c, jembed_os_mutex *m);
JEMBED_HIDDEN void jembed_os_cond_broadcast(jembed_os_cond *c);

/* Runs fn once per process for this o, whichever thread comes first; the others wait until it returned. */
JEMBED_HIDDEN void jembed_os_once_run(jembed_os_once *o, void (*fn)(void));

/*
 * Thread exit: fn(value) runs on each exiting thread whose value (set by jembed_os_exit_value) is not NULL. One per
 * library (a pthread key's destructor; on Windows a fiber-local storage callback, which also runs when the thread
 * ends with ExitThread). 0 on success, else an error code for messages (jembed_os_error_text).
 */
JEMBED_HIDDEN int jembed_os_exit_hook(void (*fn)(void *value));
JEMBED_HIDDEN void jembed_os_exit_value(void *value);

/* Starts fn(arg) on a new thread with a stack of stack_size bytes. 0 on success, else an error code. */
JEMBED_HIDDEN int jembed_os_thread_start(jembed_os_thread *t, size_t stack_size, void (*fn)(void *), void *arg);
/* Waits for t to end; 1 when it ended through jembed_os_thread_escape, 0 when fn returned. */
JEMBED_HIDDEN int jembed_os_thread_join(jembed_os_thread t);
/* Ends the current thread (one started by jembed_os_thread_start) at once, from any depth of calls. */
JEMBED_HIDDEN void jembed_os_thread_escape(void) __attribute__((noreturn));

/* The OS's id of the current thread (Linux: gettid; macOS: pthread_threadid_np; Windows: GetCurrentThreadId). */
JEMBED_HIDDEN unsigned long jembed_os_thread_id(void);

/* The size of the current thread's stack in KiB, 0 when unknown. */
JEMBED_HIDDEN size_t jembed_os_stack_kib(void);

/* Text of an error code returned above. */
JEMBED_HIDDEN const char *jembed_os_error_text(int code);

#if defined(JEMBED_OS_WINDOWS)
/* The calling thread's last-error code (GetLastError) and setting it (SetLastError): kept across jembed's work. */
JEMBED_HIDDEN unsigned long jembed_os_last_error(void);
JEMBED_HIDDEN void jembed_os_set_last_error(unsigned long code);
#endif

/* ---- time ---------------------------------------------------------------------------------------- */

/* A monotonic clock in milliseconds (arbitrary origin). */
JEMBED_HIDDEN double jembed_os_now_ms(void);
JEMBED_HIDDEN void jembed_os_sleep_ms(long ms);

/* ---- one JVM per process: the creation lock and the abandoned mark ---------------------------------- */

/*
 * Every jembed library of a process (each has its own hidden copy of the runtime) must agree, without a shared
 * symbol, on who may call JNI_CreateJavaVM now and on whether a creation was abandoned. Linux: abstract unix socket
 * names "\0jembed-create-<pid>" and "\0jembed-abandoned-<pid>" (no file, gone with the process). Windows: a named
 * mutex "Local\jembed-create-<pid>" (a mutex left by a thread that ended while holding it is an abandoned creation)
 * and a named event "Local\jembed-abandoned-<pid>". macOS: no such name without a file that outlives the process,
 * so no lock: libraries that start at the same moment may both try to create the JVM, and the loser joins or fails
 * as on Linux when sockets are unavailable.
 *
 * jembed_os_creation_lock: a token (>= 0) while held; -1 when there is no lock here (go on unlocked); -2 after
 * waiting wait_ms for another library's creation. Release it on the thread that took it; a token of a thread that
 * ended while holding it is only closed.
 */
JEMBED_HIDDEN intptr_t jembed_os_creation_lock(long wait_ms);
JEMBED_HIDDEN void jembed_os_creation_unlock(intptr_t token);
/* Closes the token of a lock whose holding thread ended without releasing it. */
JEMBED_HIDDEN void jembed_os_creation_drop(intptr_t token);
/* Marks the process: a JVM creation was abandoned (the mark lasts as long as the process). */
JEMBED_HIDDEN void jembed_os_mark_abandoned(void);
/* True when some library of this process marked it. */
JEMBED_HIDDEN int jembed_os_abandoned(void);

/* ---- process exit ---------------------------------------------------------------------------------- */

/*
 * fn runs when the process exits the ordinary way (exit(), a return from main), on the exiting thread, before the
 * libraries' destructors; 0 when registered. POSIX: atexit (the library is pinned, so it runs at exit, not at an
 * unload). Windows: -1, never registered: ExitProcess ends every other thread (the JVM's) before a DLL hears of it.
 */
JEMBED_HIDDEN int jembed_os_at_exit(void (*fn)(void));

/* ---- fork ---------------------------------------------------------------------------------------- */

/* fn runs in the child of every later fork() (its only thread); nothing where there is no fork. */
JEMBED_HIDDEN void jembed_os_at_fork_child(void (*fn)(void));

/* ---- the JVM's creation inside a host: what it must not wait for or leave behind -------------------- */

/*
 * Called with the libjvm about to create the JVM (a handle of jembed_os_open or jembed_os_loaded_libjvm), before
 * JNI_CreateJavaVM. Linux (glibc): the JDK's libjava calls getpwuid(getuid()) while the JVM starts (its
 * GetJavaProperties: user.name, user.home), and glibc's getpwuid holds a process-wide lock while it asks the NSS
 * modules; a host that calls this library from inside getpwuid (an NSS module: `getent passwd 70002`, `id`) holds
 * that lock while it waits for the start, which would wait for it for ever. So libjava is loaded here (HotSpot loads
 * the same file later and gets this one) and its getpwuid import is bound to a function that asks getpwuid_r, which
 * takes no lock. 1 when rebound, 0 when there was nothing to do (not glibc, no such import), -1 when libjava could
 * not be read or rebound (why, n bytes: for JEMBED_TRACE; the start goes on).
 */
JEMBED_HIDDEN int jembed_os_prepare_jvm(void *libjvm, char *why, size_t n);

/*
 * Why creating a JVM here would make the host abort later, NULL when nothing says so. Linux: glibc applies every
 * set-id call (setresuid, setresgid, setgroups) to each thread of the process and aborts it when one thread fails
 * where another succeeded. A host that keeps its capabilities across a user-id change (PR_SET_KEEPCAPS, securebits,
 * ambient capabilities) and then changes its groups succeeds on the thread that kept them and fails on the JVM's
 * threads, which did not. Reported: a process able to change ids (CAP_SETUID or CAP_SETGID) whose calling thread
 * already keeps capabilities across such a change, or that runs a program known to change its user id before its
 * groups that way (util-linux's setpriv). Windows, macOS: NULL.
 */
JEMBED_HIDDEN const char *jembed_os_id_change_hazard(void);

/*
 * Hides the environment variables named (a NULL-terminated list) from everything that reads the environment until
 * jembed_os_env_unhide: the process's environment becomes a copy without them (one pointer store; the old array is
 * kept, so a thread reading it meanwhile reads valid memory). For the JVM's creation in secure mode: HotSpot reads
 * JAVA_TOOL_OPTIONS and _JAVA_OPTIONS itself, with getenv. 1 when some variable was set and is hidden, 0 when none
 * was, -1 when this platform cannot hide them (Windows: the JVM's C runtime keeps its own copy).
 */
JEMBED_HIDDEN int jembed_os_env_hide(const char *const *names);
/* Puts back what jembed_os_env_hide hid; a change the host made to the environment meanwhile is kept. */
JEMBED_HIDDEN void jembed_os_env_unhide(void);

/* ---- secure mode (jembed_trust.c) ---------------------------------------------------------------- */

/* Why the process is privileged (set-user-ID and the like), NULL when it is not; asked when the library loads.
   Windows has no set-user-ID: always NULL there (only <trustEnvironment>false makes secure mode). */
JEMBED_HIDDEN const char *jembed_os_privileged(void);

/* True when real and effective user or group ids differ (HotSpot then ignores JAVA_TOOL_OPTIONS/_JAVA_OPTIONS). */
JEMBED_HIDDEN int jembed_os_ids_differ(void);

/*
 * Secure mode's file check: replaces path (size bytes) by its real path and returns 1 when nobody but root (or the
 * owner of this library's file) can have replaced it; otherwise 0 with why (n bytes); *found is set once the file
 * exists. POSIX: the file and every directory above it are owned by root or this library's owner and writable by
 * nobody else (a sticky directory excepted). Windows: the full path of an existing regular file (its ACL is not
 * checked: that needs advapi32, and a jembed DLL imports only kernel32).
 */
JEMBED_HIDDEN int jembed_os_trusted_path(char *path, size_t size, char *why, size_t n, int *found);

#endif
