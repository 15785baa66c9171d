/*
 * jembed run-time support: start-up, thread attachment and error reporting for one library.
 * A fixed file, compiled into every jembed library next to the generated glue. See jembed_runtime.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jembed_runtime.h"
#include "jembed_trust.h"

#include <jvmti.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

JEMBED_TLS JNIEnv *jembed_tls_env JEMBED_HIDDEN;
JEMBED_TLS unsigned jembed_tls_jni_calls JEMBED_HIDDEN;

/* ---- errno set by Java (org.jembed.runtime.Errno; jembed_runtime.h) -------------------------------------- */

int jembed_errno_api_used JEMBED_HIDDEN;
/* What Errno.set / setLastError recorded during the innermost exported call on this thread. */
static JEMBED_TLS jembed_errno_slot tls_errno;

void jembed_errno_enter_slow(jembed_errno *e) {
    e->outer = tls_errno; /* a call from Java into C into this library: the enclosing call's values wait */
    e->tracked = 1;
    memset(&tls_errno, 0, sizeof tls_errno);
}

void jembed_errno_leave_slow(jembed_errno *e, int *value, unsigned long *last_error) {
    if (tls_errno.errno_set) {
        *value = tls_errno.errno_value;
    }
    if (tls_errno.last_error_set) {
        *last_error = tls_errno.last_error_value;
    }
    if (e->tracked) {
        tls_errno = e->outer;
    } else {
        memset(&tls_errno, 0, sizeof tls_errno); /* Errno was first used during this call */
    }
}

/* The bridge's native $setErrno(which, value): 0 errno, 1 the last-error code (Windows; elsewhere nothing). */
static void JNICALL set_errno(JNIEnv *env, jclass bridge, jint which, jint value) {
    (void)env;
    (void)bridge;
    if (which == 0) {
        tls_errno.errno_set = 1;
        tls_errno.errno_value = (int)value;
    } else {
        tls_errno.last_error_set = 1;
        tls_errno.last_error_value = (unsigned long)(unsigned)value;
    }
    __atomic_store_n(&jembed_errno_api_used, 1, __ATOMIC_RELAXED);
}

/* Messages after a failed start: one line per refused call, up to this many; then one "suppressed" line. */
#define JEMBED_REFUSED_CALL_MESSAGES 5
/* How long to wait for a JVM that another library is creating at the same moment. */
#define JEMBED_JOIN_WAIT_MS 60000

/* The stack of jembed's start thread, where the JVM is created and the start runs (HotSpot's own initialisation
   overflows a 128 KiB thread: a caller's stack size must not matter). */
#define JEMBED_START_STACK (8u << 20)

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);
typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);

static int registry_update(JNIEnv *env, int delta, int mark_created, int *destroy);
/* JNI_GetCreatedJavaVMs of the libjvm in use, set by the start; and whether this library destroyed the JVM. */
static created_vms_fn created_vms;
static int destroyed_vm;
static int forked;
/* This process is the child of a fork() made after the start began (whatever the library's state then). */
static int in_fork_child;
/* HotSpot's "exit" hook ran: Java's own exit (System.exit, Runtime.halt) is ending the process, hooks already run. */
static int jvm_exiting;
/* The library's class loader (global ref), for org.jembed.runtime.ExitSequence at exit. */
static jobject library_loader;
/* open_libjvm loaded the JDK recorded at build time (the one a start-up cache was trained on) */
static int libjvm_is_build_jdk;

static jembed_os_once detach_key_once = JEMBED_OS_ONCE_INIT;

/* ---- diagnostics ------------------------------------------------------------------------------ */

/* A growing text of what the start tried, printed only when the start fails. */
typedef struct trail {
    char text[8192];
    size_t used;
} trail;

static void trail_add(trail *t, const char *fmt, ...) __attribute__((format(JEMBED_PRINTF, 2, 3)));
static void trail_add(trail *t, const char *fmt, ...) {
    if (t->used >= sizeof t->text - 1) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->text + t->used, sizeof t->text - t->used, fmt, ap);
    va_end(ap);
    if (n > 0) {
        t->used += (size_t)n;
        if (t->used > sizeof t->text - 1) {
            t->used = sizeof t->text - 1;
        }
    }
}

/* One start, run on jembed's start thread; owned by the waiting caller so that it outlives an escaped creation. */
typedef struct start_job {
    jembed_library *lib;
    int rc;                     /* start_locked's result */
    intptr_t create_lock;       /* the process-wide creation lock while held, else -1 (dropped by the caller) */
    JavaVMOption *options;      /* JNI_CreateJavaVM's options and their text: freed by the caller */
    char *env_copy;
    int hide_hotspot_vars;      /* secure mode: JAVA_TOOL_OPTIONS/_JAVA_OPTIONS hidden while the JVM is created */
    const char *refusal;        /* why the start refused to create a JVM here: one line, no failure report */
    trail t;
} start_job;

/* The variables HotSpot reads itself when it creates a JVM. */
static const char *const hotspot_vars[] = { "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", NULL };

/* The start refused to create a JVM in this process and said why in one line: later calls say nothing. */
static int refused_quietly;

/* ---- JEMBED_TRACE: the start's timeline on stderr ------------------------------------------------ */

/* True when JEMBED_TRACE is set to anything but "" or "0". */
static int trace_wanted(jembed_library *lib) {
    const char *v = jembed_getenv(lib, "JEMBED_TRACE");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

/* Prints one phase ("jembed: <lib>: <phase> <ms> ms") when tracing, and restarts the phase clock. */
static void trace_phase(jembed_library *lib, const char *phase, double *since) {
    double now = jembed_os_now_ms();
    if (lib->trace) {
        fprintf(stderr, "jembed: %s: %-34s %7.2f ms\n", lib->name, phase, now - *since);
    }
    *since = now;
}

/* ---- thread attachment ------------------------------------------------------------------------ */

/* The thread-exit key's destructor: detaches the thread whenever the JVM still runs, also after this library's
   shutdown (the JVM may live on for another library or the host). */
static void detach_on_exit(void *vm) {
    jembed_tls_env = NULL;
    if (forked) {
        return; /* the JVM is not there in a fork() child */
    }
    if (__atomic_load_n(&jembed_lib.state, __ATOMIC_ACQUIRE) == JEMBED_SHUT_DOWN) {
        JavaVM *any = NULL;
        jsize count = 0;
        if (__atomic_load_n(&destroyed_vm, __ATOMIC_ACQUIRE) || created_vms == NULL
            || created_vms(&any, 1, &count) != JNI_OK || count == 0) {
            return; /* destroyed: touching it now would crash */
        }
    }
    JavaVM *jvm = (JavaVM *)vm;
    (*jvm)->DetachCurrentThread(jvm);
}

static int detach_key_error; /* the thread-exit hook's error: the start fails */

static void make_detach_key(void) {
    detach_key_error = jembed_os_exit_hook(detach_on_exit);
}

/*
 * Remembers that this library attached the current thread: its env is cached for the fast path and the
 * thread is detached when it exits (jembed_os_exit_hook). A thread attached by somebody else (a Java
 * thread, or a host that attaches itself) is not cached, since its owner may detach it.
 */
static void own_thread(JavaVM *vm, JNIEnv *env) {
    jembed_os_once_run(&detach_key_once, make_detach_key);
    jembed_os_exit_value(vm);
    jembed_tls_env = env;
}

/* This thread's env, attaching it as a daemon thread if needed. NULL when the JVM refuses. */
static JNIEnv *thread_env(jembed_library *lib) {
    JNIEnv *env = NULL;
    jint rc = (*lib->vm)->GetEnv(lib->vm, (void **)&env, JNI_VERSION_10);
    if (rc == JNI_OK) {
        return env;
    }
    if (rc != JNI_EDETACHED) {
        fprintf(stderr, "jembed: %s: JNI GetEnv failed (%d)\n", lib->name, (int)rc);
        return NULL;
    }
    /* named for traces and thread dumps: jembed-<library>-<the OS's thread id> */
    char name[128];
    snprintf(name, sizeof name, "jembed-%s-%lu", lib->name, jembed_os_thread_id());
    JavaVMAttachArgs args = { JNI_VERSION_10, name, NULL };
    rc = (*lib->vm)->AttachCurrentThreadAsDaemon(lib->vm, (void **)&env, &args);
    if (rc != JNI_OK) {
        size_t stack = jembed_os_stack_kib();
        if (stack > 0 && stack < 256) {
            fprintf(stderr, "jembed: %s: cannot attach this thread to the JVM (JNI error %d): its stack (%zu KiB) is"
                            " too small; give threads that call Java 256 KiB or more\n", lib->name, (int)rc, stack);
        } else {
            fprintf(stderr, "jembed: %s: cannot attach this thread to the JVM (JNI error %d)\n", lib->name, (int)rc);
        }
        return NULL;
    }
    own_thread(lib->vm, env);
    return env;
}

/* ---- Java's shutdown sequence at the host's exit ------------------------------------------------- */

/*
 * At an ordinary exit (exit() from any thread, a return from main) the JVM is never destroyed, so Java's shutdown
 * hooks, File.deleteOnExit and JFR's dump on exit would not run, and what System.out buffers would be lost. The
 * library that created the JVM registers an exit handler that runs them (org.jembed.runtime.ExitSequence, then
 * java.lang.Shutdown.shutdown() for the JDK's own hooks) on a thread of its own, for at most exit_timeout_ms plus a
 * second, and then lets the exit go on with its status. Nothing runs in the child of a fork(), when Java itself is
 * ending the process (System.exit: the exit hook), after the JVM was destroyed, or on Windows (jembed_os_at_exit).
 */

static jclass load_class(JNIEnv *env, jobject loader, const char *binary_name);

typedef struct exit_job {
    jembed_library *lib;
    int done;                   /* 1 when the sequence returned; atomic */
    char stuck[512];            /* the hooks still running at the deadline, quoted, or "" */
} exit_job;

static int exit_sequence_ran; /* at most once per process for this library: at exit or at the last shutdown */

/* Calls a static method through JNI; the exception, if any, is cleared. */
static void exit_call_void(JNIEnv *env, const char *cls, const char *name) {
    jclass c = (*env)->FindClass(env, cls);
    jmethodID m = c != NULL ? (*env)->GetStaticMethodID(env, c, name, "()V") : NULL;
    if (m != NULL) {
        (*env)->CallStaticVoidMethod(env, c, m);
    }
    (*env)->ExceptionClear(env);
}

/* The exit sequence, on its own thread (attached as a daemon, detached when it ends). */
static void exit_worker(void *arg) {
    exit_job *job = arg;
    jembed_library *lib = job->lib;
    JNIEnv *env = thread_env(lib);
    if (env == NULL || (*env)->PushLocalFrame(env, 32) != 0) {
        __atomic_store_n(&job->done, 1, __ATOMIC_RELEASE);
        return;
    }
    jclass seq = library_loader != NULL ? load_class(env, library_loader, "org.jembed.runtime.ExitSequence") : NULL;
    jmethodID take = seq != NULL ? (*env)->GetStaticMethodID(env, seq, "take", "(Ljava/util/Map;)[Ljava/lang/Thread;") : NULL;
    jmethodID run = seq != NULL ? (*env)->GetStaticMethodID(env, seq, "run", "([Ljava/lang/Thread;J)Ljava/lang/String;") : NULL;
    (*env)->ExceptionClear(env);
    /* the application's hooks: java.lang.ApplicationShutdownHooks.hooks, taken under that class's monitor */
    jclass hooks_class = (*env)->FindClass(env, "java/lang/ApplicationShutdownHooks");
    jfieldID hooks_field = hooks_class != NULL
        ? (*env)->GetStaticFieldID(env, hooks_class, "hooks", "Ljava/util/IdentityHashMap;") : NULL;
    (*env)->ExceptionClear(env);
    if (take != NULL && run != NULL && hooks_field != NULL && (*env)->MonitorEnter(env, hooks_class) == JNI_OK) {
        jobject map = (*env)->GetStaticObjectField(env, hooks_class, hooks_field);
        jobjectArray threads = (jobjectArray)(*env)->CallStaticObjectMethod(env, seq, take, map);
        (*env)->MonitorExit(env, hooks_class);
        (*env)->ExceptionClear(env);
        if (threads != NULL) {
            jstring stuck = (jstring)(*env)->CallStaticObjectMethod(env, seq, run, threads, (jlong)lib->exit_timeout_ms);
            const char *text = stuck != NULL ? (*env)->GetStringUTFChars(env, stuck, NULL) : NULL;
            if (text != NULL) {
                snprintf(job->stuck, sizeof job->stuck, "%s", text);
                (*env)->ReleaseStringUTFChars(env, stuck, text);
            }
            (*env)->ExceptionClear(env);
        }
    }
    /* the JDK's own hooks (console restore, File.deleteOnExit), and the application's if they could not be taken */
    exit_call_void(env, "java/lang/Shutdown", "shutdown");
    if (seq != NULL) {
        jmethodID flush = (*env)->GetStaticMethodID(env, seq, "flush", "()V");
        if (flush != NULL) {
            (*env)->CallStaticVoidMethod(env, seq, flush);
        }
        (*env)->ExceptionClear(env);
    }
    (*env)->PopLocalFrame(env, NULL);
    __atomic_store_n(&job->done, 1, __ATOMIC_RELEASE);
}

/* True while a JVM runs in this process (not destroyed, not a fork() child's copy, not exiting by itself). */
static int jvm_alive(void) {
    JavaVM *vm = NULL;
    jsize count = 0;
    return !in_fork_child && !__atomic_load_n(&jvm_exiting, __ATOMIC_ACQUIRE)
           && !__atomic_load_n(&destroyed_vm, __ATOMIC_ACQUIRE) && created_vms != NULL
           && created_vms(&vm, 1, &count) == JNI_OK && count > 0;
}

/*
 * Runs Java's shutdown sequence now, waiting for it at most exit_timeout_ms plus a second; says in one line what did
 * not finish. 1 when it finished with every hook, 0 otherwise (or when it was not run: already run, no JVM).
 */
static int run_exit_sequence(jembed_library *lib, const char *when) {
    if (__atomic_exchange_n(&exit_sequence_ran, 1, __ATOMIC_ACQ_REL) || !jvm_alive()) {
        return 0;
    }
    exit_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        return 0;
    }
    job->lib = lib;
    jembed_os_thread worker;
    if (jembed_os_thread_start(&worker, JEMBED_START_STACK, exit_worker, job) != 0) {
        free(job);
        return 0;
    }
    double deadline = jembed_os_now_ms() + lib->exit_timeout_ms + 1000;
    while (!__atomic_load_n(&job->done, __ATOMIC_ACQUIRE) && jembed_os_now_ms() < deadline) {
        jembed_os_sleep_ms(1);
    }
    int done = __atomic_load_n(&job->done, __ATOMIC_ACQUIRE);
    int seconds = (lib->exit_timeout_ms + 999) / 1000;
    if (done && job->stuck[0] != '\0') {
        fprintf(stderr, "jembed: %s: %s, the shutdown hook thread %s did not finish within %d s (<exitTimeout>); going on"
                        " without it\n", lib->name, when, job->stuck, seconds);
    } else if (!done) {
        fprintf(stderr, "jembed: %s: %s, Java's shutdown sequence did not finish within %d s (<exitTimeout>); going on"
                        " without it\n", lib->name, when, seconds);
    }
    fflush(stderr);
    int clean = done && job->stuck[0] == '\0';
    if (done) {
        jembed_os_thread_join(worker);
        free(job); /* else the thread may still use it: kept until the process ends */
    }
    return clean;
}

static void at_exit(void) {
    if (jembed_lib.exit_timeout_ms > 0) {
        run_exit_sequence(&jembed_lib, "at exit");
    }
}

/* After this library created the JVM: its shutdown sequence will run when the process exits. */
static void register_at_exit(jembed_library *lib, trail *t) {
    if (lib->exit_timeout_ms > 0 && jembed_os_at_exit(at_exit) != 0) {
        trail_add(t, "  no exit handler on this platform: Java's shutdown hooks do not run when the process exits\n");
    }
}

/* ---- finding the JVM -------------------------------------------------------------------------- */

/* A libjvm already loaded in this process (by the host or by another library), or NULL. */
static void *loaded_libjvm(trail *t) {
    char path[JEMBED_PATH_MAX] = "";
    void *h = jembed_os_loaded_libjvm(path, sizeof path);
    if (h != NULL) {
        trail_add(t, "  %s already loaded: %s\n", jembed_os_libjvm_name, path);
    }
    return h;
}

/* JDK 22 is the oldest jembed libraries run on (FFM, class file version 66). */
#define JEMBED_MIN_JAVA 22

/* The JAVA_VERSION of <home>/release ("17.0.15") into out, "" when there is none. */
static void release_version(const char *home, char *out, size_t size) {
    char path[JEMBED_PATH_MAX];
    snprintf(path, sizeof path, "%s" JEMBED_DIRSEP "release", home);
    out[0] = '\0';
    FILE *f = fopen(path, JEMBED_FOPEN_READ);
    if (f == NULL) {
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "JAVA_VERSION=\"", 14) == 0) {
            char *end = strchr(line + 14, '"');
            if (end != NULL) {
                *end = '\0';
                snprintf(out, size, "%.*s", (int)(size - 1), line + 14);
            }
            break;
        }
    }
    fclose(f);
}

/* The feature version of a version text ("1.8.0_412" → 8, "17.0.15" → 17, "25" → 25), 0 when unknown. */
static int feature_version(const char *v) {
    int major = atoi(v);
    if (major == 1 && strncmp(v, "1.", 2) == 0) {
        major = atoi(v + 2);
    }
    return major;
}

/* True (with a trail line) when the JDK at home says in its release file that it is older than Java 22. */
static int too_old(const char *what, const char *home, trail *t) {
    char version[64];
    release_version(home, version, sizeof version);
    int feature = feature_version(version);
    if (feature > 0 && feature < JEMBED_MIN_JAVA) {
        trail_add(t, "  %s: %s is Java %s; jembed libraries need Java %d or newer\n", what, home, version,
                  JEMBED_MIN_JAVA);
        return 1;
    }
    return 0;
}

/* Loads libjvm from one Java home: the first of the platform's places in a home (jembed_os_libjvm_paths) that loads. */
static void *open_in_home(jembed_library *lib, const char *what, const char *home, trail *t) {
    char why[JEMBED_PATH_MAX + 160];
    for (const char *const *rel = jembed_os_libjvm_paths; *rel != NULL; rel++) {
        char path[JEMBED_PATH_MAX];
        snprintf(path, sizeof path, "%s%s", home, *rel);
        if (!jembed_trusted_file(lib, path, sizeof path, why, sizeof why)) {
            trail_add(t, "  %s: %s\n", what, why);
            continue;
        }
        void *h = jembed_os_open(path, why, sizeof why);
        if (h != NULL) {
            trail_add(t, "  %s: loaded %s\n", what, path);
            return h;
        }
        trail_add(t, "  %s: %s\n", what, why);
    }
    return NULL;
}

/*
 * Opens libjvm from the first place that has one: the runtime bundled beside the library (<its directory>/jre), the
 * build JDK (none in a cross build), JAVA_HOME; or, when JEMBED_JAVA_HOME is set, from there only (an explicit choice
 * is never silently replaced by another JDK).
 */
static void *open_libjvm(jembed_library *lib, trail *t) {
    char origin[JEMBED_PATH_MAX];
    jembed_os_self_dir(origin, sizeof origin);
    const char *explicit_home = jembed_getenv(lib, "JEMBED_JAVA_HOME");
    if (explicit_home != NULL && explicit_home[0] != '\0') {
        const char *what = "JEMBED_JAVA_HOME (the only place searched when set)";
        return too_old(what, explicit_home, t) ? NULL : open_in_home(lib, what, explicit_home, t);
    }
    char bundled[JEMBED_PATH_MAX + 8];
    snprintf(bundled, sizeof bundled, "%s" JEMBED_DIRSEP "jre", origin);
    struct { const char *what; const char *home; } places[] = {
        { "runtime bundled beside the library (" JEMBED_BESIDE_ME JEMBED_DIRSEP "jre)", origin[0] ? bundled : NULL },
        { "JDK recorded at build time", lib->build_java_home },
        { "JAVA_HOME", NULL }, /* read only when the search gets there: in secure mode, only then is it ignored */
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        if (i == 2) {
            places[i].home = jembed_getenv(lib, "JAVA_HOME");
        }
        if (places[i].home == NULL || places[i].home[0] == '\0') {
            trail_add(t, "  %s: %s\n", places[i].what,
                      i == 1 && places[i].home == NULL ? "none (a cross build records no JDK)" : "not set");
            continue;
        }
        if (too_old(places[i].what, places[i].home, t)) {
            continue;
        }
        void *h = open_in_home(lib, places[i].what, places[i].home, t);
        if (h != NULL) {
            libjvm_is_build_jdk = places[i].home == lib->build_java_home;
            return h;
        }
    }
    return NULL;
}

/*
 * The <startupCache> option: "-XX:AOTCache=<dir of this library>/<lib->startup_cache>" when the library has one, the
 * file is there and trusted, libjvm is the build JDK's (the cache was trained on it: any other JVM would reject it and
 * then run with no CDS at all), and no option already chooses AOT or CDS (-XX:AOT..., -Xshare). NULL otherwise.
 */
static const char *startup_cache_option(jembed_library *lib, const JavaVMOption *options, int n, trail *t) {
    static char option[JEMBED_PATH_MAX + 32];
    if (lib->startup_cache == NULL || !libjvm_is_build_jdk) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        if (strncmp(options[i].optionString, "-XX:AOT", 7) == 0 || strncmp(options[i].optionString, "-Xshare", 7) == 0) {
            trail_add(t, "  start-up cache not used: the JVM options choose AOT/CDS themselves (%s)\n", options[i].optionString);
            return NULL;
        }
    }
    char path[JEMBED_PATH_MAX], refused[JEMBED_PATH_MAX + 160];
    jembed_os_self_dir(path, sizeof path);
    size_t used = strlen(path);
    snprintf(path + used, sizeof path - used, JEMBED_DIRSEP "%s", lib->startup_cache);
    FILE *readable = fopen(path, JEMBED_FOPEN_READ);
    if (readable == NULL) {
        trail_add(t, "  start-up cache not used: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    fclose(readable);
    if (!jembed_trusted_file(lib, path, sizeof path, refused, sizeof refused)) {
        trail_add(t, "  start-up cache not used: %s\n", refused);
        return NULL;
    }
    snprintf(option, sizeof option, "-XX:AOTCache=%s", path);
    return option;
}

/* ---- one JVM per process: the creation lock, abandoned creations --------------------------------- */

/*
 * Every jembed library of the process (each has its own hidden copy of this file, maybe dlopen'ed RTLD_LOCAL) must
 * agree on two things without a shared symbol: who may call JNI_CreateJavaVM now (HotSpot: a JNI_CreateJavaVM
 * after a completed one returns JNI_EEXIST and from then on hides the running JVM from JNI_GetCreatedJavaVMs), and
 * whether a creation was abandoned (HotSpot then answers JNI_EEXIST for ever, with no JVM to join). Both are names
 * of this process that the platform layer keeps (jembed_os_creation_lock, jembed_os_mark_abandoned).
 */

/* Set on the start thread while it is inside JNI_CreateJavaVM. */
static JEMBED_TLS int tls_creating;

/*
 * HotSpot's "abort" hook (a JavaVMOption): every fatal error of the JVM's own initialisation (an agent that cannot
 * be loaded, impossible heap sizes, a boot layer that cannot be built, ...) calls it and then exit(1)s the process.
 * Called on the start thread while it creates, it ends that thread instead: the creation is abandoned, the waiting
 * caller reports a failed start, the host goes on. Anywhere else (a real crash later) it returns and HotSpot
 * aborts as usual.
 */
static void JNICALL abort_hook(void) {
    if (tls_creating) {
        tls_creating = 0;
        jembed_os_thread_escape();
    }
}

/*
 * HotSpot's "exit" hook (a JavaVMOption), called on the VM thread when Java ends the process itself (System.exit,
 * Runtime.halt) after running its shutdown hooks, just before HotSpot calls exit(): the library's own exit sequence
 * must then do nothing (the VM is stopped at a safepoint; a JNI call would wait for ever).
 */
static void JNICALL exit_hook(jint code) {
    (void)code;
    __atomic_store_n(&jvm_exiting, 1, __ATOMIC_RELEASE);
}

/*
 * Grants native access (restricted FFM methods: upcallStub, reinterpret) to the unnamed modules of the JVM this
 * library created, as --enable-native-access=ALL-UNNAMED would, but without that option: any value of the
 * property behind it makes the JVM drop the CDS archived module graph (~12 % slower creation, +1 MB). The JDK
 * method is internal (java.lang.Module, JDK 22+); JNI may call it. Without it, the JVM prints its "restricted
 * method" warning on first use, and <jvmOptions>--enable-native-access=ALL-UNNAMED</jvmOptions> is the way out.
 */
static void enable_native_access(JNIEnv *env, trail *t) {
    jclass module = (*env)->FindClass(env, "java/lang/Module");
    jmethodID grant = module != NULL
        ? (*env)->GetStaticMethodID(env, module, "implAddEnableNativeAccessToAllUnnamed", "()V") : NULL;
    if (grant != NULL) {
        (*env)->CallStaticVoidMethod(env, module, grant);
    }
    if ((*env)->ExceptionCheck(env) || grant == NULL) {
        (*env)->ExceptionClear(env);
        trail_add(t, "  this JDK has no java.lang.Module.implAddEnableNativeAccessToAllUnnamed(): restricted methods will"
                     " warn unless the JVM options say --enable-native-access=ALL-UNNAMED\n");
    }
    (*env)->DeleteLocalRef(env, module);
}

/*
 * Creates the JVM with the given options on this (the start) thread, under the process-wide creation lock and only
 * after seeing no JVM: *joined is set when one appeared meanwhile (then *vm is it). JNI_OK, a JNI error, or 1 when
 * it did not try (the reason is in the trail); an escaped fatal failure never returns here (the abort hook ends the
 * thread).
 */
static jint create_locked(start_job *job, created_vms_fn created, create_vm_fn create, JavaVM **vm, int *joined,
                          JavaVMInitArgs *args) {
    trail *t = &job->t;
    *joined = 0;
    job->create_lock = jembed_os_creation_lock(JEMBED_JOIN_WAIT_MS);
    if (job->create_lock == -2) {
        trail_add(t, "timed out after %d s waiting for another library's JVM creation\n", JEMBED_JOIN_WAIT_MS / 1000);
        return 1;
    }
    jsize count = 0;
    jint rc;
    if (created(vm, 1, &count) == JNI_OK && count > 0) {
        trail_add(t, "  another library created the JVM first; joining it\n");
        *joined = 1;
        rc = JNI_OK;
    } else if (jembed_os_abandoned()) {
        trail_add(t, "an earlier JVM creation in this process failed during the JVM's own initialisation: "
                     "no JVM can be created in this process any more\n");
        rc = 1;
    } else {
        JNIEnv *env = NULL;
        int hidden = job->hide_hotspot_vars ? jembed_os_env_hide(hotspot_vars) : 0;
        if (hidden < 0) {
            trail_add(t, "JAVA_TOOL_OPTIONS or _JAVA_OPTIONS is set and the JVM would read it, but this library trusts no"
                         " environment here (privileged process, or <trustEnvironment>false</trustEnvironment>) and"
                         " cannot hide it from the JVM on this platform: unset it\n");
            rc = 1;
        } else {
            tls_creating = 1;
            rc = create(vm, (void **)&env, args);
            tls_creating = 0;
            if (hidden > 0) {
                jembed_os_env_unhide();
            }
        }
    }
    jembed_os_creation_unlock(job->create_lock);
    job->create_lock = -1;
    return rc;
}

/* The JVM of this process: joined when one runs, created otherwise. 0 on success. */
static int find_or_create_vm(start_job *job, JNIEnv **env_out) {
    jembed_library *lib = job->lib;
    trail *t = &job->t;
    double phase = jembed_os_now_ms();
    void *jvm = loaded_libjvm(t);
    if (jvm == NULL) {
        jvm = open_libjvm(lib, t);
        trace_phase(lib, "libjvm loaded (" JEMBED_OS_LOADER ")", &phase);
        if (jvm == NULL) {
            trail_add(t, "no JVM found: set JEMBED_JAVA_HOME (or JAVA_HOME) to a JDK %d or newer\n", JEMBED_MIN_JAVA);
            return -1;
        }
    }
    created_vms_fn created = (created_vms_fn)jembed_os_symbol(jvm, "JNI_GetCreatedJavaVMs");
    create_vm_fn create = (create_vm_fn)jembed_os_symbol(jvm, "JNI_CreateJavaVM");
    if (created == NULL || create == NULL) {
        trail_add(t, "%s has no JNI invocation API (JNI_CreateJavaVM)\n", jembed_os_libjvm_name);
        return -1;
    }
    created_vms = created;
    JavaVM *vm = NULL;
    jsize count = 0;
    if (created(&vm, 1, &count) == JNI_OK && count > 0) {
        trail_add(t, "  joined the JVM already running in this process\n");
    } else {
        job->refusal = jembed_os_id_change_hazard();
        if (job->refusal != NULL) {
            return -1;
        }
        for (size_t i = 0; hotspot_vars[i] != NULL; i++) {
            const char *v = jembed_getenv(lib, hotspot_vars[i]); /* non-NULL when HotSpot will read it */
            if (v != NULL && v[0] != '\0') {
                if (jembed_secure_mode(lib)) { /* an agent or option from it would run inside this process */
                    job->hide_hotspot_vars = 1;
                    jembed_note_ignored(hotspot_vars[i]);
                    trail_add(t, "  %s is set: hidden from the JVM (secure mode)\n", hotspot_vars[i]);
                    continue;
                }
                if (lib->strict_environment) {
                    trail_add(t, "%s is set (\"%s\") and this library was built with <strictEnvironment>: "
                                 "unset it, or build without strict mode\n", hotspot_vars[i], v);
                    return -1;
                }
                trail_add(t, "  %s is set and is read by the JVM: %s\n", hotspot_vars[i], v);
            }
        }
        char why[JEMBED_PATH_MAX + 160];
        if (jembed_os_prepare_jvm(jvm, why, sizeof why) < 0) {
            trail_add(t, "  libjava's getpwuid not rebound (%s): a first call from inside getpwuid() would wait for ever\n",
                      why);
        }
        /* Options from the environment variable named after the library, split at white space. */
        int env_count = 0;
        if (lib->options_env_var != NULL) {
            const char *v = jembed_getenv(lib, lib->options_env_var);
            if (v != NULL && v[0] != '\0') {
                job->env_copy = strdup(v);
                if (job->env_copy == NULL) {
                    trail_add(t, "out of memory\n");
                    return -1;
                }
                for (char *p = job->env_copy; *p; ) {
                    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
                    if (*p == '\0') break;
                    env_count++;
                    while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
                }
            }
        }
        int n = lib->jvm_option_count + env_count;
        /* + the start-up cache, + the abort and exit hooks, which are not shown: they are jembed's, not the user's */
        JavaVMOption *options = job->options = calloc((size_t)n + 3, sizeof *options);
        if (options == NULL) {
            trail_add(t, "out of memory\n");
            return -1;
        }
        trail_add(t, "  JVM options:");
        for (int i = 0; i < lib->jvm_option_count; i++) {
            options[i].optionString = (char *)lib->jvm_options[i];
            trail_add(t, " %s", lib->jvm_options[i]);
        }
        if (env_count > 0) {
            trail_add(t, " (from %s:)", lib->options_env_var);
            int i = lib->jvm_option_count;
            for (char *save = NULL, *tok = strtok_r(job->env_copy, " \t\n", &save); tok != NULL; tok = strtok_r(NULL, " \t\n", &save)) {
                options[i++].optionString = tok;
                trail_add(t, " %s", tok);
            }
        }
        const char *cache = startup_cache_option(lib, options, n, t);
        if (cache != NULL) {
            options[n++].optionString = (char *)cache;
            trail_add(t, " (start-up cache:) %s", cache);
        }
        trail_add(t, "\n");
        options[n].optionString = (char *)"abort";
        options[n].extraInfo = (void *)abort_hook;
        options[n + 1].optionString = (char *)"exit";
        options[n + 1].extraInfo = (void *)exit_hook;
        JavaVMInitArgs args;
        args.version = JNI_VERSION_10;
        args.nOptions = n + 2;
        args.options = options;
        args.ignoreUnrecognized = JNI_FALSE;
        int joined = 0;
        jint rc = create_locked(job, created, create, &vm, &joined, &args);
        trace_phase(lib, joined ? "JVM joined (created meanwhile)" : "JVM created (JNI_CreateJavaVM)", &phase);
        if (joined) {
            /* fall through to joining */
        } else if (rc == 1) {
            return -1;
        } else if (rc == JNI_EEXIST) {
            /* Somebody outside jembed (the host) is creating a JVM right now: wait until it is visible, then join. */
            trail_add(t, "  a JVM is being created outside jembed; joining it\n");
            for (long waited = 0; waited < JEMBED_JOIN_WAIT_MS; waited += 5) {
                if (created(&vm, 1, &count) == JNI_OK && count > 0) {
                    break;
                }
                jembed_os_sleep_ms(5);
            }
            if (count == 0) {
                trail_add(t, "timed out waiting for the JVM being created outside jembed (or that creation failed: "
                             "no JVM can be created in this process any more)\n");
                return -1;
            }
        } else if (rc != JNI_OK) {
            trail_add(t, "JNI_CreateJavaVM failed with %d%s\n", (int)rc,
                      rc == JNI_EINVAL ? " (invalid JVM option; see the JVM's message above)"
                      : rc == JNI_ENOMEM ? " (not enough memory)"
                      : rc == JNI_EVERSION ? " (JNI version not supported: use a JDK 22 or newer)"
                      : " (see the JVM's message above: an unrecognized option, or a JVM destroyed earlier in this process,"
                        " which cannot be created again)");
            return -1;
        } else {
            /* The creating thread is attached as a non-daemon "main" thread; re-attach it as a daemon like every
               other native thread, so that a later DestroyJavaVM does not wait for a host thread to end. */
            (*vm)->DetachCurrentThread(vm);
            lib->vm = vm;
            lib->created_vm = 1;
            register_at_exit(lib, t);
            if (thread_env(lib) == NULL) {
                trail_add(t, "cannot attach the starting thread to the JVM it created\n");
                return -1;
            }
            *env_out = jembed_tls_env;
            enable_native_access(*env_out, t);
            return 0;
        }
    }
    lib->vm = vm;
    JNIEnv *env = thread_env(lib);
    if (env == NULL) {
        trail_add(t, "cannot attach the starting thread to the JVM\n");
        return -1;
    }
    *env_out = env;
    return 0;
}

/* ---- defining the library's class loader, binding, init ---------------------------------------- */

/* True (and the exception printed after the trail) when a Java exception is pending. */
static int threw(JNIEnv *env, trail *t, const char *what) {
    if (!(*env)->ExceptionCheck(env)) {
        return 0;
    }
    trail_add(t, "%s threw:\n", what);
    return 1;
}

static jclass load_class(JNIEnv *env, jobject loader, const char *binary_name) {
    jclass cl_class = (*env)->FindClass(env, "java/lang/ClassLoader");
    jmethodID load = (*env)->GetMethodID(env, cl_class, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    jstring name = (*env)->NewStringUTF(env, binary_name);
    if (name == NULL) {
        return NULL;
    }
    return (jclass)(*env)->CallObjectMethod(env, loader, load, name);
}

/* Everything after the JVM is up: 0 on success; on failure the exception (if any) is still pending. */
static int define_and_bind(jembed_library *lib, JNIEnv *env, trail *t) {
    double phase = jembed_os_now_ms();
    jclass cl_class = (*env)->FindClass(env, "java/lang/ClassLoader");
    jclass url_loader = (*env)->FindClass(env, "java/net/URLClassLoader");
    jclass url_class = (*env)->FindClass(env, "java/net/URL");
    if (cl_class == NULL || url_loader == NULL || url_class == NULL) {
        return threw(env, t, "looking up JDK classes"), -1;
    }
    jmethodID platform_m = (*env)->GetStaticMethodID(env, cl_class, "getPlatformClassLoader", "()Ljava/lang/ClassLoader;");
    jobject platform = (*env)->CallStaticObjectMethod(env, cl_class, platform_m);
    jobjectArray no_urls = (*env)->NewObjectArray(env, 0, url_class, NULL);
    jmethodID url_init = (*env)->GetMethodID(env, url_loader, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V");
    if (threw(env, t, "creating the boot class loader")) {
        return -1;
    }
    /* An empty loader that holds only the boot classes, so that libraries never share them. */
    jobject host = (*env)->NewObject(env, url_loader, url_init, no_urls, platform);
    if (host == NULL) {
        return threw(env, t, "creating the boot class loader"), -1;
    }
    jclass frozen_loader = NULL;
    for (int i = 0; i < lib->boot_class_count; i++) {
        const jembed_boot_class *b = &lib->boot_classes[i];
        jclass c = (*env)->DefineClass(env, b->name, host, (const jbyte *)b->bytes, (jsize)b->size);
        if (c == NULL) {
            trail_add(t, "defining boot class %s failed\n", b->name);
            threw(env, t, "DefineClass");
            return -1;
        }
        if (strcmp(b->name, "org/jembed/runtime/boot/FrozenLoader") == 0) {
            frozen_loader = c;
        }
    }
    if (frozen_loader == NULL) {
        trail_add(t, "the library has no org/jembed/runtime/boot/FrozenLoader class (corrupt build)\n");
        return -1;
    }
    trace_phase(lib, "loader bootstrap (boot classes)", &phase);
    jobject image = (*env)->NewDirectByteBuffer(env, (void *)lib->image, (jlong)lib->image_size);
    if (image == NULL) {
        return threw(env, t, "NewDirectByteBuffer"), -1;
    }
    jclass buffer_class = (*env)->FindClass(env, "java/nio/ByteBuffer");
    jmethodID read_only = (*env)->GetMethodID(env, buffer_class, "asReadOnlyBuffer", "()Ljava/nio/ByteBuffer;");
    image = (*env)->CallObjectMethod(env, image, read_only);
    jmethodID ctor = (*env)->GetMethodID(env, frozen_loader, "<init>",
                                         "(Ljava/nio/ByteBuffer;Ljava/lang/String;Ljava/lang/ClassLoader;)V");
    jstring lib_name = (*env)->NewStringUTF(env, lib->name);
    if (threw(env, t, "preparing the frozen classes")) {
        return -1;
    }
    jobject loader = (*env)->NewObject(env, frozen_loader, ctor, image, lib_name, platform);
    if (loader == NULL) {
        return threw(env, t, "opening the frozen classes"), -1;
    }
    trace_phase(lib, "frozen image opened", &phase);
    jclass bridge = load_class(env, loader, lib->bridge_class);
    if (bridge == NULL) {
        trail_add(t, "loading %s failed\n", lib->bridge_class);
        threw(env, t, "ClassLoader.loadClass");
        return -1;
    }
    for (int i = 0; i < lib->binding_count; i++) {
        const jembed_binding *b = &lib->bindings[i];
        lib->method_ids[i] = (*env)->GetStaticMethodID(env, bridge, b->c_name, b->descriptor);
        if (lib->method_ids[i] == NULL) {
            trail_add(t, "binding %s%s failed\n", b->c_name, b->descriptor);
            threw(env, t, "GetStaticMethodID");
            return -1;
        }
    }
    lib->thrown = (*env)->GetStaticMethodID(env, bridge, "$thrown", "()Ljava/lang/Throwable;");
    if (lib->thrown == NULL) {
        return threw(env, t, "binding $thrown"), -1;
    }
    JNINativeMethod natives[] = { { (char *)"$setErrno", (char *)"(II)V", (void *)set_errno } };
    if ((*env)->RegisterNatives(env, bridge, natives, 1) != JNI_OK) {
        return threw(env, t, "registering the bridge's $setErrno"), -1;
    }
    lib->bridge = (jclass)(*env)->NewGlobalRef(env, bridge);
    library_loader = (*env)->NewGlobalRef(env, loader);
    __atomic_store_n(&lib->bound, 1, __ATOMIC_RELEASE);
    trace_phase(lib, "bridge class loaded and bound", &phase);

    jmethodID init = (*env)->GetStaticMethodID(env, bridge, "$init", "()V");
    if (init == NULL) {
        return threw(env, t, "binding the init code"), -1;
    }
    (*env)->CallStaticVoidMethod(env, bridge, init);
    if (threw(env, t, "init code")) {
        return -1;
    }
    trace_phase(lib, "init code", &phase);
    return 0;
}

/*
 * Builds the FFM upcall stubs (org.jembed.runtime.dispatch.FfmDispatch) and publishes them into lib->fast, now or
 * on a background daemon thread. When that fails the calls stay on JNI, which always works: a warning, no failure.
 */
static void start_ffm_dispatch(jembed_library *lib, JNIEnv *env, int background) {
    double phase = jembed_os_now_ms();
    jmethodID m = (*env)->GetStaticMethodID(env, lib->bridge, "$dispatchStart", "(JZZ)V");
    if (m != NULL) {
        (*env)->CallStaticVoidMethod(env, lib->bridge, m, (jlong)(intptr_t)lib->fast, background ? JNI_TRUE : JNI_FALSE,
                                     lib->trace ? JNI_TRUE : JNI_FALSE);
    }
    if ((*env)->ExceptionCheck(env)) {
        fprintf(stderr, "jembed: %s: FFM dispatch unavailable, calls stay on JNI:\n", lib->name);
        fflush(stderr);
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
    }
    trace_phase(lib, background ? "FFM dispatch thread started" : "FFM upcall stubs built", &phase);
}

static void report_failed_start(jembed_library *lib, JNIEnv *env, trail *t) {
    fprintf(stderr, "jembed: %s: start failed; every function of this library will return its error value.\n",
            lib->name);
    fprintf(stderr, "jembed: %s: what was tried:\n%s", lib->name, t->text);
    if (env != NULL && (*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
    }
    fflush(stderr);
}

/* ---- what the host may do to a started library: unload it, fork, detach its threads ---------------- */

/*
 * The library is pinned when a start begins (jembed_os_pin_self): it is never unmapped (dlclose returns 0 and leaves
 * it mapped), since the JVM keeps pointers into it (the abort hook, the frozen image, the thread-exit hook, JVMTI
 * callbacks, the addresses of Symbols) and its code may be on the stack of a thread inside Java.
 */

/* forked (above): this process is a fork() child of one where the library had started */

/*
 * The child of fork() has the JVM's memory but none of its threads (no VM thread, no GC): a call that needs a
 * safepoint would wait for ever. Runs in the child (the forking thread is its only thread): every later call
 * returns its error value at once. Never touches the JVM.
 */
static void in_forked_child(void) {
    in_fork_child = 1;
    jembed_tls_env = NULL;
    for (int i = 0; i < jembed_lib.binding_count; i++) {
        __atomic_store_n(&jembed_lib.fast[i], NULL, __ATOMIC_RELAXED);
    }
    int state = __atomic_load_n(&jembed_lib.state, __ATOMIC_ACQUIRE);
    if (state == JEMBED_READY || state == JEMBED_NOT_STARTED) { /* not started: a start was running */
        forked = 1;
        __atomic_store_n(&jembed_lib.state, JEMBED_FAILED, __ATOMIC_RELEASE);
    }
    /* the lock may have been held by a thread that does not exist here */
    jembed_os_mutex_reset(&jembed_lib.lock);
}

static jembed_os_once atfork_once = JEMBED_OS_ONCE_INIT;

static void register_atfork(void) {
    jembed_os_at_fork_child(in_forked_child);
}

/*
 * JVMTI ThreadEnd, posted on the ending thread, also when a host's own JNI code detaches a thread this library
 * attached: its cached JNIEnv is dead from then on, so it is forgotten (the next call attaches the thread again).
 * Costs the call path nothing.
 */
static void JNICALL on_thread_end(jvmtiEnv *jvmti, JNIEnv *env, jthread thread) {
    (void)jvmti;
    (void)thread;
    if (env != NULL && jembed_tls_env == env) {
        jembed_tls_env = NULL;
        jembed_os_exit_value(NULL);
    }
}

static jvmtiEnv *thread_end_jvmti; /* set once per JVM by the start thread */

static void watch_thread_ends(JavaVM *vm, trail *t) {
    if (thread_end_jvmti != NULL) {
        return;
    }
    jvmtiEnv *jvmti = NULL;
    if ((*vm)->GetEnv(vm, (void **)&jvmti, JVMTI_VERSION_1_2) != JNI_OK || jvmti == NULL) {
        trail_add(t, "  no JVMTI: a thread the host detaches itself must not call this library again\n");
        return;
    }
    jvmtiEventCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.ThreadEnd = on_thread_end;
    if ((*jvmti)->SetEventCallbacks(jvmti, &callbacks, (jint)sizeof callbacks) != JVMTI_ERROR_NONE
        || (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_THREAD_END, NULL) != JVMTI_ERROR_NONE) {
        (*jvmti)->DisposeEnvironment(jvmti);
        trail_add(t, "  JVMTI ThreadEnd unavailable: a thread the host detaches itself must not call this library again\n");
        return;
    }
    thread_end_jvmti = jvmti;
}

/* ---- cross-library init cycles ------------------------------------------------------------------ */

/*
 * A's init code calls B while B's init code calls A (on another thread, or B started from A's init): each start
 * waits for the other for ever. Every start thread and every attached thread that waits for a start is an edge of
 * a process-wide wait-for graph kept in system properties (the one place all libraries see), under the monitor of
 * java.lang.System: "org.jembed.start.<lib>" = the OS thread id running lib's start, "org.jembed.wait.<tid>" =
 * the library that thread waits for. A wait that would close a cycle is refused instead: that call returns its
 * error value (the init code that made it sees the error value), the other start goes on.
 */
static JEMBED_TLS int tls_init_cycle; /* this thread's last start() was refused as an init cycle */

/* This thread's env when it is attached to a running JVM, else NULL; never attaches. */
static JNIEnv *attached_env(void) {
    created_vms_fn f = created_vms;
    if (f == NULL) {
        char path[JEMBED_PATH_MAX];
        void *jvm = jembed_os_loaded_libjvm(path, sizeof path);
        f = jvm != NULL ? (created_vms_fn)jembed_os_symbol(jvm, "JNI_GetCreatedJavaVMs") : NULL;
    }
    JavaVM *vm = NULL;
    jsize count = 0;
    JNIEnv *env = NULL;
    if (f == NULL || f(&vm, 1, &count) != JNI_OK || count == 0
        || (*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_10) != JNI_OK) {
        return NULL;
    }
    return env;
}

typedef struct props { JNIEnv *env; jclass sys; jmethodID get, set, clear; } props;

/* Opens System's properties and enters its monitor; 0 on success (then props_close). Needs a local frame. */
static int props_open(JNIEnv *env, props *p) {
    p->env = env;
    p->sys = (*env)->FindClass(env, "java/lang/System");
    if (p->sys == NULL) {
        (*env)->ExceptionClear(env);
        return -1;
    }
    p->get = (*env)->GetStaticMethodID(env, p->sys, "getProperty", "(Ljava/lang/String;)Ljava/lang/String;");
    p->set = (*env)->GetStaticMethodID(env, p->sys, "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
    p->clear = (*env)->GetStaticMethodID(env, p->sys, "clearProperty", "(Ljava/lang/String;)Ljava/lang/String;");
    if (p->get == NULL || p->set == NULL || p->clear == NULL || (*env)->MonitorEnter(env, p->sys) != JNI_OK) {
        (*env)->ExceptionClear(env);
        return -1;
    }
    return 0;
}

static void props_close(props *p) {
    (*p->env)->MonitorExit(p->env, p->sys);
    (*p->env)->ExceptionClear(p->env);
}

/* The property "<prefix><name>" into out (1), or 0 when unset. */
static int prop_get(props *p, const char *prefix, const char *name, char *out, size_t size) {
    char key[256];
    snprintf(key, sizeof key, "%s%s", prefix, name);
    JNIEnv *env = p->env;
    jstring k = (*env)->NewStringUTF(env, key);
    jstring v = k != NULL ? (jstring)(*env)->CallStaticObjectMethod(env, p->sys, p->get, k) : NULL;
    const char *text = v != NULL ? (*env)->GetStringUTFChars(env, v, NULL) : NULL;
    int found = text != NULL;
    if (found) {
        snprintf(out, size, "%s", text);
        (*env)->ReleaseStringUTFChars(env, v, text);
    }
    (*env)->ExceptionClear(env);
    (*env)->DeleteLocalRef(env, v);
    (*env)->DeleteLocalRef(env, k);
    return found;
}

/* Sets "<prefix><name>" to value, or clears it when value is NULL. 0 when done, -1 on a JNI failure (cleared). */
static int prop_put(props *p, const char *prefix, const char *name, const char *value) {
    char key[256];
    snprintf(key, sizeof key, "%s%s", prefix, name);
    JNIEnv *env = p->env;
    jstring k = (*env)->NewStringUTF(env, key);
    jstring v = value != NULL ? (*env)->NewStringUTF(env, value) : NULL;
    jobject prev = NULL;
    int rc = -1;
    if (k != NULL && value == NULL) {
        prev = (*env)->CallStaticObjectMethod(env, p->sys, p->clear, k);
        rc = 0;
    } else if (k != NULL && v != NULL) {
        prev = (*env)->CallStaticObjectMethod(env, p->sys, p->set, k, v);
        rc = 0;
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        rc = -1;
    }
    (*env)->DeleteLocalRef(env, prev);
    (*env)->DeleteLocalRef(env, v);
    (*env)->DeleteLocalRef(env, k);
    return rc;
}

/* True when the JVM found is Java 22 or newer (java.specification.version); a trail line when it is not. */
static int jvm_new_enough(JNIEnv *env, trail *t) {
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        return 1; /* cannot tell: the start goes on and fails later, with its own message, if the JVM is too old */
    }
    int ok = 1;
    props p;
    if (props_open(env, &p) == 0) {
        char text[32];
        if (prop_get(&p, "", "java.specification.version", text, sizeof text)) {
            int feature = feature_version(text);
            if (feature > 0 && feature < JEMBED_MIN_JAVA) {
                trail_add(t, "the JVM running in this process is Java %s; jembed libraries need Java %d or newer\n",
                          text, JEMBED_MIN_JAVA);
                ok = 0;
            }
        }
        props_close(&p);
    }
    (*env)->PopLocalFrame(env, NULL);
    return ok;
}

#define JEMBED_START_PREFIX "org.jembed.start."
#define JEMBED_WAIT_PREFIX "org.jembed.wait."

static void my_tid(char *out, size_t size) {
    snprintf(out, size, "%lu", jembed_os_thread_id());
}

/* The start thread: marks (on) or unmarks this thread as running lib's start. */
static void mark_start_thread(JNIEnv *env, jembed_library *lib, int on) {
    jthrowable pending = (*env)->ExceptionOccurred(env); /* a failed start's exception: kept for its report */
    (*env)->ExceptionClear(env);
    if ((*env)->PushLocalFrame(env, 16) == 0) {
        props p;
        if (props_open(env, &p) == 0) {
            char tid[32];
            my_tid(tid, sizeof tid);
            prop_put(&p, JEMBED_START_PREFIX, lib->name, on ? tid : NULL);
            props_close(&p);
        }
        (*env)->PopLocalFrame(env, NULL);
    }
    (*env)->ExceptionClear(env);
    if (pending != NULL) {
        (*env)->Throw(env, pending);
        (*env)->DeleteLocalRef(env, pending);
    }
}

/*
 * Before this thread waits for lib's start: 1 when the wait would close a cycle (nothing recorded: refuse the call),
 * 0 when the wait is recorded (wait_end afterwards), -1 when this thread is not attached to a JVM (no cycle can
 * pass through it: nothing waits for a thread that is not a start thread).
 */
static int wait_begin(jembed_library *lib) {
    JNIEnv *env = attached_env();
    if (env == NULL) {
        return -1;
    }
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        return -1;
    }
    int result = -1;
    props p;
    if (props_open(env, &p) == 0) {
        char me[32], cur[256], tid[32];
        my_tid(me, sizeof me);
        snprintf(cur, sizeof cur, "%s", lib->name);
        result = 0;
        for (int hops = 0; hops < 64; hops++) {
            if (!prop_get(&p, JEMBED_START_PREFIX, cur, tid, sizeof tid)) {
                break;
            }
            if (strcmp(tid, me) == 0) {
                result = 1;
                break;
            }
            if (!prop_get(&p, JEMBED_WAIT_PREFIX, tid, cur, sizeof cur)) {
                break;
            }
        }
        if (result == 0) {
            prop_put(&p, JEMBED_WAIT_PREFIX, me, lib->name);
        }
        props_close(&p);
    }
    (*env)->PopLocalFrame(env, NULL);
    return result;
}

static void wait_end(void) {
    JNIEnv *env = attached_env();
    if (env == NULL || (*env)->PushLocalFrame(env, 16) != 0) {
        return;
    }
    props p;
    if (props_open(env, &p) == 0) {
        char me[32];
        my_tid(me, sizeof me);
        prop_put(&p, JEMBED_WAIT_PREFIX, me, NULL);
        props_close(&p);
    }
    (*env)->PopLocalFrame(env, NULL);
}

/* Runs the start on jembed's start thread: find or create the JVM, define, bind, init. 0 when ready. */
static int start_locked(start_job *job) {
    jembed_library *lib = job->lib;
    trail *t = &job->t;
    lib->trace = trace_wanted(lib);
    double started = jembed_os_now_ms();
    jembed_os_pin_self();
    jembed_os_once_run(&atfork_once, register_atfork);
    jembed_os_once_run(&detach_key_once, make_detach_key);
    if (detach_key_error != 0) {
        trail_add(t, "no thread-exit hook (%s): threads could not be detached when they exit\n",
                  jembed_os_error_text(detach_key_error));
        report_failed_start(lib, NULL, t);
        return -1;
    }
    JNIEnv *env = NULL;
    int found = find_or_create_vm(job, &env);
    jembed_report_ignored(lib);
    if (found != 0 && job->refusal != NULL) {
        refused_quietly = 1;
        fprintf(stderr, "jembed: %s: not started: %s, and glibc aborts such a process once it has other threads (the"
                        " JVM's); every function of this library returns its error value\n", lib->name, job->refusal);
        return -1;
    }
    if (found != 0) {
        report_failed_start(lib, NULL, t);
        return -1;
    }
    watch_thread_ends(lib->vm, t);
    if (!jvm_new_enough(env, t)) {
        report_failed_start(lib, NULL, t);
        return -1;
    }
    if ((*env)->PushLocalFrame(env, 64) != 0) {
        (*env)->ExceptionClear(env);
        trail_add(t, "out of memory for JNI local references\n");
        report_failed_start(lib, NULL, t);
        return -1;
    }
    /* Counted as using the JVM from now on: a shutdown of another library no longer destroys it under this start. */
    int joined = registry_update(env, 1, lib->created_vm, NULL);
    if (joined == -2) {
        trail_add(t, "the JVM is being destroyed (another library's shutdown function destroys it): a library cannot"
                     " start in this process any more\n");
        report_failed_start(lib, NULL, t);
        (*env)->PopLocalFrame(env, NULL);
        return -1;
    }
    mark_start_thread(env, lib, 1);
    int rc = define_and_bind(lib, env, t);
    mark_start_thread(env, lib, 0);
    if (rc != 0) {
        report_failed_start(lib, env, t);
        if (joined >= 0) {
            registry_update(env, -1, 0, NULL);
        }
    } else {
        if (lib->dispatch == JEMBED_DISPATCH_FFM) {
            start_ffm_dispatch(lib, env, 0);
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    trace_phase(lib, rc == 0 ? "start total" : "start total (failed)", &started);
    return rc;
}

/* The thread running the start (valid while lib->initializing): its calls back into the library are re-entry. */
static unsigned long init_thread;
/* Signalled when a start ends; waited on under lib->lock by threads that found the start running. */
static jembed_os_cond start_ended = JEMBED_OS_COND_INIT;

static void start_thread(void *arg) {
    start_job *job = arg;
    jembed_library *lib = job->lib;
    jembed_os_mutex_lock(&lib->lock);
    init_thread = jembed_os_thread_id();
    jembed_os_mutex_unlock(&lib->lock);
    job->rc = start_locked(job);
    /* This thread ends now: leave the JVM (the key's destructor would too, later than the caller's join). */
    if (jembed_tls_env != NULL) {
        jembed_tls_env = NULL;
        jembed_os_exit_value(NULL);
        (*lib->vm)->DetachCurrentThread(lib->vm);
    }
}

/*
 * Runs the start on a thread of jembed's own with an 8 MiB stack and waits for it: the caller's stack size does
 * not matter (HotSpot's initialisation needs far more than a small thread has), none of the start's buffers are on
 * it, and a JVM that fails fatally during its own initialisation ends that thread instead of the process (abort
 * hook). 0 when ready.
 */
static int run_start(jembed_library *lib) {
    start_job *job = calloc(1, sizeof *job);
    if (job == NULL) {
        fprintf(stderr, "jembed: %s: start failed (out of memory); every function of this library will return its"
                        " error value.\n", lib->name);
        return -1;
    }
    job->lib = lib;
    job->rc = -1;
    job->create_lock = -1;
    jembed_os_thread t;
    int err = jembed_os_thread_start(&t, JEMBED_START_STACK, start_thread, job);
    int rc = -1;
    if (err != 0) {
        trail_add(&job->t, "cannot create jembed's start thread: %s\n", jembed_os_error_text(err));
        report_failed_start(lib, NULL, &job->t);
    } else {
        int escaped = jembed_os_thread_join(t);
        rc = job->rc;
        if (escaped) {
            /* Marked before the creation lock is released: a library waiting for it must see the mark. */
            jembed_os_mark_abandoned();
            trail_add(&job->t, "the JVM failed during its own initialisation (its message is above); no JVM can be"
                               " created in this process any more\n");
            report_failed_start(lib, NULL, &job->t);
            rc = -1;
        }
    }
    jembed_os_creation_drop(job->create_lock);
    free(job->options);
    free(job->env_copy);
    free(job);
    return rc;
}

static void report_refused_call(jembed_library *lib, int binding) {
    if (refused_quietly) {
        return; /* said once, at the start */
    }
    unsigned n = __atomic_add_fetch(&lib->failed_calls, 1, __ATOMIC_RELAXED);
    const char *fn = binding >= 0 ? lib->bindings[binding].c_name : "start";
    if (n <= JEMBED_REFUSED_CALL_MESSAGES) {
        fprintf(stderr, "jembed: %s: %s: %s; returning %s\n", lib->name, fn,
                tls_init_cycle ? "init cycle: this thread runs (or waits for) the start of a library that the start"
                                 " of this one waits for; call it after the init code, not from it"
                : forked ? "the JVM does not survive fork(): exec, or start the library after forking"
                : __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_SHUT_DOWN ? "the library was shut down"
                                                                                     : "not started (start failed earlier)",
                binding >= 0 ? lib->bindings[binding].error_value : "-1");
        if (n == JEMBED_REFUSED_CALL_MESSAGES) {
            fprintf(stderr, "jembed: %s: further refused calls are not reported\n", lib->name);
        }
    }
}

/* What start() returns for a call made by the start itself before the functions are bound (the JVM's own start
   calling into the library, an NSS module asked by the JVM's getpwuid_r): the error value, quietly. */
#define JEMBED_REENTERED (-2)

/* Starts the library unless it is started; *ran_start tells whether this call ran (and reported) the start.
   0 when ready, -1 when not (reported by the caller unless *ran_start), JEMBED_REENTERED. */
static int start(jembed_library *lib, int *ran_start) {
    *ran_start = 0;
    tls_init_cycle = 0;
    int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    if (state == JEMBED_READY) {
        return 0;
    }
    if (state == JEMBED_FAILED || state == JEMBED_SHUT_DOWN) {
        return -1;
    }
    jembed_errno saved;
    jembed_errno_enter(&saved);
    jembed_os_mutex_lock(&lib->lock);
    int rc;
    for (;;) {
        state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
        if (state != JEMBED_NOT_STARTED) {
            rc = state == JEMBED_READY ? 0 : -1;
            break;
        }
        if (lib->initializing) {
            if (init_thread == jembed_os_thread_id()) {
                /* The init code calling back in on the start thread: go through once bound. */
                rc = __atomic_load_n(&lib->bound, __ATOMIC_ACQUIRE) ? 0 : JEMBED_REENTERED;
                break;
            }
            int edge = wait_begin(lib);
            if (edge == 1) {
                tls_init_cycle = 1;
                rc = -1;
                break;
            }
            while (lib->initializing) {
                jembed_os_cond_wait(&start_ended, &lib->lock);
            }
            if (edge == 0) {
                wait_end();
            }
            continue;
        }
        lib->initializing = 1;
        *ran_start = 1;
        /* Not held while the start runs: the start thread's re-entrant calls must get through. */
        jembed_os_mutex_unlock(&lib->lock);
        int edge = wait_begin(lib); /* a start thread starting another library waits for it too */
        rc = run_start(lib);
        if (edge == 0) {
            wait_end();
        }
        jembed_os_mutex_lock(&lib->lock);
        lib->initializing = 0;
        __atomic_store_n(&lib->state, rc == 0 ? JEMBED_READY : JEMBED_FAILED, __ATOMIC_RELEASE);
        jembed_os_cond_broadcast(&start_ended);
        break;
    }
    jembed_os_mutex_unlock(&lib->lock);
    jembed_errno_leave(&saved);
    return rc;
}

void jembed_jni_calls_reached(jembed_library *lib, JNIEnv *env) {
    if (__atomic_load_n(&lib->ffm_started, __ATOMIC_RELAXED) || lib->initializing
        || __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) != JEMBED_READY) {
        return;
    }
    jembed_os_mutex_lock(&lib->lock);
    if (!lib->ffm_started && !lib->initializing && __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_READY) {
        __atomic_store_n(&lib->ffm_started, 1, __ATOMIC_RELAXED);
        jembed_errno saved;
        jembed_errno_enter(&saved);
        start_ffm_dispatch(lib, env, 1);
        jembed_errno_leave(&saved);
    }
    jembed_os_mutex_unlock(&lib->lock);
}

int jembed_start(jembed_library *lib) {
    int ran_start;
    return start(lib, &ran_start) == 0 ? 0 : -1;
}

JNIEnv *jembed_env_slow(jembed_library *lib, int binding) {
    int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    if (state != JEMBED_READY) {
        int ran_start;
        int rc = start(lib, &ran_start);
        if (rc != 0) {
            if (!ran_start && rc != JEMBED_REENTERED) {
                report_refused_call(lib, binding);
            }
            return NULL;
        }
    }
    JNIEnv *env = jembed_tls_env;
    return env != NULL ? env : thread_env(lib);
}

/* ---- the JVM-wide registry of started libraries, and shutdown ------------------------------------ */

#define JEMBED_ACTIVE_PROPERTY "org.jembed.activeLibraries"
#define JEMBED_CREATED_PROPERTY "org.jembed.createdJvm"

#define JEMBED_DESTROYING_PROPERTY "org.jembed.destroying"

/*
 * Adds delta to the number of jembed libraries using this JVM (joined at the start, left at shutdown or a failed
 * start) and returns the new count; -1 on a JNI failure; -2 when delta > 0 and a shutdown is destroying the JVM
 * (nothing counted). The count lives in a system property, the one place every library's class loader sees,
 * updated under the monitor of java.lang.System (props_open) so that libraries starting together do not lose
 * updates. mark_created records that a jembed library created the JVM. With destroy (a shutdown), *destroy tells
 * whether the caller must destroy the JVM (no user left, a jembed library created it); the JVM is then marked as
 * being destroyed under the same monitor, so that no start joins it any more.
 */
static int registry_update(JNIEnv *env, int delta, int mark_created, int *destroy) {
    if (destroy != NULL) {
        *destroy = 0;
    }
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        return -1;
    }
    int count = -1;
    props p;
    if (props_open(env, &p) == 0) {
        char text[32];
        if (delta > 0 && prop_get(&p, "", JEMBED_DESTROYING_PROPERTY, text, sizeof text)) {
            count = -2;
        } else {
            count = (prop_get(&p, "", JEMBED_ACTIVE_PROPERTY, text, sizeof text) ? atoi(text) : 0) + delta;
            snprintf(text, sizeof text, "%d", count);
            int failed = prop_put(&p, "", JEMBED_ACTIVE_PROPERTY, text) != 0
                         || (mark_created && prop_put(&p, "", JEMBED_CREATED_PROPERTY, "true") != 0);
            if (!failed && destroy != NULL && count == 0 && prop_get(&p, "", JEMBED_CREATED_PROPERTY, text, sizeof text)) {
                *destroy = prop_put(&p, "", JEMBED_DESTROYING_PROPERTY, "true") == 0;
            }
            if (failed) {
                count = -1;
            }
        }
        props_close(&p);
    }
    (*env)->PopLocalFrame(env, NULL);
    return count;
}

int jembed_shutdown(jembed_library *lib) {
    jembed_errno saved;
    jembed_errno_enter(&saved);
    jembed_os_mutex_lock(&lib->lock);
    int rc = -1;
    if (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_READY && !lib->initializing) {
        JNIEnv *env = jembed_tls_env != NULL ? jembed_tls_env : thread_env(lib);
        if (env != NULL) {
            int destroy = 0;
            registry_update(env, -1, 0, &destroy);
            /* No FFM stub is published after this; calls already past their table load may still run. */
            jmethodID stop = (*env)->GetStaticMethodID(env, lib->bridge, "$dispatchStop", "()V");
            if (stop != NULL) {
                (*env)->CallStaticVoidMethod(env, lib->bridge, stop);
            }
            (*env)->ExceptionClear(env);
            for (int i = 0; i < lib->binding_count; i++) {
                __atomic_store_n(&lib->fast[i], NULL, __ATOMIC_RELEASE);
            }
            (*env)->DeleteGlobalRef(env, lib->bridge);
            lib->bridge = NULL;
            __atomic_store_n(&lib->state, JEMBED_SHUT_DOWN, __ATOMIC_RELEASE);
            rc = 0;
            /* Java's shutdown sequence, bounded (the same as at exit); a hook still running keeps the JVM alive:
               DestroyJavaVM would wait for it. Without <exitTimeout> DestroyJavaVM runs the hooks itself. */
            if (destroy && (lib->exit_timeout_ms <= 0 || run_exit_sequence(lib, "at shutdown"))) {
                /* Waits for non-daemon Java threads; jembed's threads are daemons. */
                jembed_tls_env = NULL;
                __atomic_store_n(&destroyed_vm, 1, __ATOMIC_RELEASE);
                (*lib->vm)->DestroyJavaVM(lib->vm);
            }
        }
    }
    jembed_os_mutex_unlock(&lib->lock);
    jembed_errno_leave(&saved);
    return rc;
}

void jembed_call_threw(JNIEnv *env, jembed_library *lib, int binding) {
    const jembed_binding *b = &lib->bindings[binding];
    fprintf(stderr, "jembed: %s: %s threw a Java exception; returning %s\n", lib->name, b->c_name, b->error_value);
    fflush(stderr);
    (*env)->ExceptionDescribe(env);
    (*env)->ExceptionClear(env);
}

void jembed_ffm_threw(jembed_library *lib, int binding) {
    JNIEnv *env = NULL;
    /* The thread is attached: the upcall attached it, if nobody had. No bridge: shut down meanwhile. */
    if (lib->bridge == NULL || (*lib->vm)->GetEnv(lib->vm, (void **)&env, JNI_VERSION_10) != JNI_OK) {
        const jembed_binding *b = &lib->bindings[binding];
        fprintf(stderr, "jembed: %s: %s threw a Java exception; returning %s\n", lib->name, b->c_name, b->error_value);
        return;
    }
    jthrowable thrown = (jthrowable)(*env)->CallStaticObjectMethod(env, lib->bridge, lib->thrown);
    if (thrown != NULL && !(*env)->ExceptionCheck(env)) {
        (*env)->Throw(env, thrown);
    }
    jembed_call_threw(env, lib, binding);
    (*env)->DeleteLocalRef(env, thrown);
}
