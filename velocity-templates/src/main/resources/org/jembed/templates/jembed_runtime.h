/*
 * jembed run-time support, compiled into every jembed library (not generated: a fixed file).
 * Every symbol here is hidden: a library exports only the functions of its API header.
 *
 * Run-time steps (docs: "Threads and failures"):
 *   1. every exported function begins with one acquire-load of its entry in the FFM dispatch table
 *      (lib->fast): when set, the call goes straight through an FFM upcall stub; otherwise through
 *      JNI on a cached jmethodID of the library's bridge class (after an acquire-load of lib->state);
 *   2. the first call starts the runtime on a thread of jembed's own (8 MiB stack) while it waits: pin the
 *      library, find or create the JVM (under a process-wide creation lock, with HotSpot's abort hook escaped
 *      on that thread; not in a host that would abort at its next set-id call; with libjava's getpwuid bound to
 *      one that takes no lock the caller may hold; in secure mode with JAVA_TOOL_OPTIONS/_JAVA_OPTIONS hidden),
 *      join the JVM-wide registry, define the library's class loader over the classes frozen in the .so, bind, run
 *      init code; other threads wait on the library's lock and condition; a call the start itself makes before
 *      the functions are bound gets its error value quietly;
 *   3. a failed start is reported once and is permanent: calls return their error value; so are calls in the
 *      child of a fork().
 */
#ifndef JEMBED_RUNTIME_H
#define JEMBED_RUNTIME_H

#include <errno.h>
#include <jni.h>
#include <stddef.h>

#include "jembed_platform.h"

/* One exported function's binding to its bridge method. */
typedef struct jembed_binding {
    const char *c_name;        /* exported C name, e.g. "do_stuff" */
    const char *descriptor;    /* JVM descriptor of the bridge method, e.g. "(J)I" */
    const char *error_value;   /* what the function returns on failure, for messages: "0", "NULL" */
} jembed_binding;

/* A class of the boot package, defined with JNI DefineClass before the frozen-class loader exists. */
typedef struct jembed_boot_class {
    const char *name;          /* internal name, e.g. "org/jembed/runtime/boot/FrozenLoader" */
    const unsigned char *bytes;
    size_t size;
} jembed_boot_class;

/* How calls reach Java (the pom's <dispatch>): JNI first with FFM stubs swapped in by a background thread;
   JNI only; FFM stubs built during the start. */
enum { JEMBED_DISPATCH_AUTO = 0, JEMBED_DISPATCH_JNI = 1, JEMBED_DISPATCH_FFM = 2 };

enum { JEMBED_NOT_STARTED = 0, JEMBED_READY = 1, JEMBED_FAILED = -1, JEMBED_SHUT_DOWN = -2 };

/* Everything the runtime knows about one library; the glue defines exactly one, named jembed_lib. */
typedef struct jembed_library {
    const char *name;                   /* library name, e.g. "my_plugin" */
    const char *bridge_class;           /* binary name of the generated bridge class */
    const jembed_binding *bindings;
    int binding_count;
    jmethodID *method_ids;              /* binding_count entries, filled at start */
    void **fast;                        /* binding_count entries: FFM upcall stubs, NULL = use JNI; atomic */
    int dispatch;                       /* JEMBED_DISPATCH_* */
    const char *const *jvm_options;     /* from the pom, after the defaults */
    int jvm_option_count;
    const char *build_java_home;        /* JDK the library was built against; NULL in a cross build */
    const char *startup_cache;          /* <startupCache>: file name of the AOT cache beside the library, or NULL */
    const char *options_env_var;        /* e.g. "MY_PLUGIN_JVM_OPTIONS": more JVM options; NULL when the pom forbids */
    int strict_environment;             /* refuse to create a JVM while JAVA_TOOL_OPTIONS/_JAVA_OPTIONS are set */
    int trust_environment;              /* 0: secure mode in any process (<trustEnvironment>false); jembed_trust.h */
    int exit_timeout_ms;                /* <exitTimeout>: how long Java's shutdown sequence may take at exit; 0: none */
    const jembed_boot_class *boot_classes;
    int boot_class_count;
    const unsigned char *image;         /* the frozen classes: an uncompressed jar */
    size_t image_size;

    /* state */
    int state;                          /* JEMBED_NOT_STARTED / READY / FAILED; atomic */
    jembed_os_mutex lock;               /* recursive; JEMBED_OS_MUTEX_INIT */
    int initializing;                   /* set while the start runs (on jembed's start thread), under lock */
    int bound;                          /* method IDs are valid (re-entrant calls during init) */
    unsigned failed_calls;              /* calls refused after a failed start, for rate-limited messages */
    JavaVM *vm;
    int created_vm;                     /* this library created the JVM (it may destroy it at shutdown) */
    jclass bridge;                      /* global ref */
    jmethodID thrown;                   /* the bridge's $thrown(): what an FFM wrapper caught on this thread */
    int ffm_started;                    /* the FFM stubs are being built or published; atomic */
    int trace;                          /* JEMBED_TRACE is set: print the start's phases on stderr */
} jembed_library;

extern jembed_library jembed_lib JEMBED_HIDDEN;
extern JEMBED_TLS JNIEnv *jembed_tls_env JEMBED_HIDDEN;

/* The slow path: start the library if needed, attach this thread if needed. NULL when it cannot. */
JEMBED_HIDDEN JNIEnv *jembed_env_slow(jembed_library *lib, int binding);

/* The JNIEnv for this thread, starting the library on the first call; NULL on a failed start. */
static inline JNIEnv *jembed_env(jembed_library *lib, int binding) {
    JNIEnv *env = jembed_tls_env;
    if (__builtin_expect(env != NULL && __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_READY, 1)) {
        return env;
    }
    return jembed_env_slow(lib, binding);
}

/*
 * With dispatch auto, the FFM stubs are built (on a background thread) once one thread has made this many calls
 * through JNI: a host that calls a few times, or from many short-lived threads, never pays the ~100 ms of CPU and
 * ~15 MB of RSS they cost. Counted per thread: no shared counter for threads to contend on.
 */
#define JEMBED_FFM_AFTER_JNI_CALLS 10000U

extern JEMBED_TLS unsigned jembed_tls_jni_calls JEMBED_HIDDEN;

JEMBED_HIDDEN void jembed_jni_calls_reached(jembed_library *lib, JNIEnv *env);

/* Counts a call made through JNI; starts building the FFM stubs when this thread made enough (dispatch auto). */
static inline void jembed_count_jni_call(jembed_library *lib, JNIEnv *env) {
    if (__builtin_expect(lib->dispatch == JEMBED_DISPATCH_AUTO, 1)
        && __builtin_expect(++jembed_tls_jni_calls == JEMBED_FFM_AFTER_JNI_CALLS, 0)) {
        jembed_jni_calls_reached(lib, env);
    }
}

/*
 * errno (and on Windows the thread's last-error code) around one exported call. jembed's own work (the start,
 * attaching the thread, the dispatch) leaves the caller's values as they were; what Java sets reaches the caller:
 *   - a pointer argument at the calling thread's errno (glibc's NSS passes errnop == &errno) is handed to Java as a
 *     pointer to a copy, which becomes errno when the call returns (the JVM's own work on this thread may change the
 *     real errno meanwhile: the copy is what Java wrote, and only that);
 *   - org.jembed.runtime.Errno.set / setLastError (the bridge's native $setErrno) records a value for this thread,
 *     applied when the innermost exported call on it returns.
 * The glue calls jembed_errno_enter first, jembed_errno_arg for each int * argument, jembed_errno_leave before
 * every return. Costs one load of a process-wide flag per call until Java first uses Errno.
 */
typedef struct jembed_errno_slot {
    int errno_set, errno_value;         /* Errno.set was called, and with what */
    int last_error_set;                 /* Errno.setLastError was called (Windows) */
    unsigned long last_error_value;
} jembed_errno_slot;

typedef struct jembed_errno {
    int saved;                          /* the caller's errno */
    int copy;                           /* what a pointer argument at errno points to instead, for Java */
    int shadowed;                       /* copy was handed to Java */
    int tracked;                        /* outer holds the enclosing call's slot (Errno in use at entry) */
    jembed_errno_slot outer;
#if defined(JEMBED_OS_WINDOWS)
    unsigned long last_error;           /* the caller's GetLastError() */
#endif
} jembed_errno;

/* Java has used org.jembed.runtime.Errno in this process (this library): calls then look at their slot. */
extern int jembed_errno_api_used JEMBED_HIDDEN;
JEMBED_HIDDEN void jembed_errno_enter_slow(jembed_errno *e);
JEMBED_HIDDEN void jembed_errno_leave_slow(jembed_errno *e, int *value, unsigned long *last_error);

static inline void jembed_errno_enter(jembed_errno *e) {
    e->saved = errno;
    e->shadowed = 0;
    e->tracked = 0;
#if defined(JEMBED_OS_WINDOWS)
    e->last_error = jembed_os_last_error();
#endif
    if (__builtin_expect(__atomic_load_n(&jembed_errno_api_used, __ATOMIC_RELAXED), 0)) {
        jembed_errno_enter_slow(e);
    }
}

/* The value to hand Java for an int * argument p: a pointer to the copy of errno when p is the caller's errno. */
static inline void *jembed_errno_arg(jembed_errno *e, void *p) {
    if (__builtin_expect(p == (void *)&errno, 0)) {
        e->copy = e->saved;
        e->shadowed = 1;
        return &e->copy;
    }
    return p;
}

static inline void jembed_errno_leave(jembed_errno *e) {
    int value = e->shadowed ? e->copy : e->saved;
    unsigned long last_error = 0;
#if defined(JEMBED_OS_WINDOWS)
    last_error = e->last_error;
#endif
    if (__builtin_expect(__atomic_load_n(&jembed_errno_api_used, __ATOMIC_RELAXED), 0)) {
        jembed_errno_leave_slow(e, &value, &last_error);
    }
    errno = value;
#if defined(JEMBED_OS_WINDOWS)
    jembed_os_set_last_error(last_error);
#else
    (void)last_error;
#endif
}

/* Called when a bridge call returned with an exception pending: prints it and clears it. */
JEMBED_HIDDEN void jembed_call_threw(JNIEnv *env, jembed_library *lib, int binding);

/* Called when an FFM call set its failed flag: reports the kept exception like jembed_call_threw. */
JEMBED_HIDDEN void jembed_ffm_threw(jembed_library *lib, int binding);

/* Starts the library now (CFFI: cffi_start_python). 0 when ready, -1 when start failed (for good). */
JEMBED_HIDDEN int jembed_start(jembed_library *lib);

/*
 * Shuts the library down for good: later calls return their error value. When no other jembed library is using the
 * JVM and a jembed library created it, Java's shutdown sequence runs (bounded by exit_timeout_ms, as at exit) and the
 * JVM is destroyed (JNI DestroyJavaVM: it waits for non-daemon Java threads); a hook that did not finish in time
 * leaves the JVM alive instead. A JVM cannot be created again in the same process. 0 on success, -1 when the library
 * was never started or is already shut down.
 */
JEMBED_HIDDEN int jembed_shutdown(jembed_library *lib);

#endif
