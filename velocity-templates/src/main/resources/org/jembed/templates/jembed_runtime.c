/*
 * jembed run-time support: start-up, thread attachment and error reporting for one library.
 * A fixed file, compiled into every jembed library next to the generated glue. See jembed_runtime.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jembed_runtime.h"
#include "jembed_trust.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

__thread JNIEnv *jembed_tls_env JEMBED_HIDDEN;
__thread unsigned jembed_tls_jni_calls JEMBED_HIDDEN;

/* Messages after a failed start: one line per refused call, up to this many; then one "suppressed" line. */
#define JEMBED_REFUSED_CALL_MESSAGES 5
/* How long to wait for a JVM that another library is creating at the same moment. */
#define JEMBED_JOIN_WAIT_MS 60000

typedef jint (*create_vm_fn)(JavaVM **, void **, void *);
typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);

static int registry_add(JNIEnv *env, int delta, int mark_created, int *created_by_jembed);

static pthread_key_t detach_key;
static pthread_once_t detach_key_once = PTHREAD_ONCE_INIT;

/* ---- diagnostics ------------------------------------------------------------------------------ */

/* A growing text of what the start tried, printed only when the start fails. */
typedef struct trail {
    char text[8192];
    size_t used;
} trail;

static void trail_add(trail *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
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

/* ---- JEMBED_TRACE: the start's timeline on stderr ------------------------------------------------ */

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* True when JEMBED_TRACE is set to anything but "" or "0". */
static int trace_wanted(jembed_library *lib) {
    const char *v = jembed_getenv(lib, "JEMBED_TRACE");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

/* Prints one phase ("jembed: <lib>: <phase> <ms> ms") when tracing, and restarts the phase clock. */
static void trace_phase(jembed_library *lib, const char *phase, double *since) {
    double now = now_ms();
    if (lib->trace) {
        fprintf(stderr, "jembed: %s: %-34s %7.2f ms\n", lib->name, phase, now - *since);
    }
    *since = now;
}

/* ---- thread attachment ------------------------------------------------------------------------ */

static void detach_on_exit(void *vm) {
    jembed_tls_env = NULL;
    if (__atomic_load_n(&jembed_lib.state, __ATOMIC_ACQUIRE) == JEMBED_SHUT_DOWN) {
        return; /* the JVM may be destroyed: touching it now would crash */
    }
    JavaVM *jvm = (JavaVM *)vm;
    (*jvm)->DetachCurrentThread(jvm);
}

static void make_detach_key(void) {
    pthread_key_create(&detach_key, detach_on_exit);
}

/*
 * Remembers that this library attached the current thread: its env is cached for the fast path and the
 * thread is detached when it exits (pthread key destructor). A thread attached by somebody else (a Java
 * thread, or a host that attaches itself) is not cached, since its owner may detach it.
 */
static void own_thread(JavaVM *vm, JNIEnv *env) {
    pthread_once(&detach_key_once, make_detach_key);
    pthread_setspecific(detach_key, vm);
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
    JavaVMAttachArgs args = { JNI_VERSION_10, NULL, NULL };
    rc = (*lib->vm)->AttachCurrentThreadAsDaemon(lib->vm, (void **)&env, &args);
    if (rc != JNI_OK) {
        fprintf(stderr, "jembed: %s: cannot attach this thread to the JVM (JNI error %d)\n", lib->name, (int)rc);
        return NULL;
    }
    own_thread(lib->vm, env);
    return env;
}

/* ---- finding the JVM -------------------------------------------------------------------------- */

static int find_libjvm_cb(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    const char *name = info->dlpi_name;
    size_t len = name ? strlen(name) : 0;
    if (len >= 10 && strcmp(name + len - 10, "/libjvm.so") == 0) {
        snprintf((char *)data, PATH_MAX, "%s", name);
        return 1;
    }
    return 0;
}

/* A libjvm already loaded in this process (by the host or by another library), or NULL. */
static void *loaded_libjvm(trail *t) {
    char path[PATH_MAX] = "";
    if (dl_iterate_phdr(find_libjvm_cb, path) == 0) {
        return NULL;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    trail_add(t, "  libjvm already loaded: %s\n", path);
    return h;
}

static void origin_dir(char *out, size_t size) {
    Dl_info info;
    out[0] = '\0';
    if (dladdr((void *)&jembed_lib, &info) && info.dli_fname) {
        snprintf(out, size, "%s", info.dli_fname);
        char *slash = strrchr(out, '/');
        if (slash) {
            *slash = '\0';
        } else {
            snprintf(out, size, ".");
        }
    }
}

/*
 * Opens libjvm from the first place that has one: $ORIGIN/jre, the build JDK, JAVA_HOME; or, when
 * JEMBED_JAVA_HOME is set, from there only (an explicit choice is never silently replaced by another JDK).
 */
static void *open_libjvm(jembed_library *lib, trail *t) {
    char origin[PATH_MAX];
    origin_dir(origin, sizeof origin);
    const char *explicit_home = jembed_getenv(lib, "JEMBED_JAVA_HOME");
    char refused[PATH_MAX + 160];
    if (explicit_home != NULL && explicit_home[0] != '\0') {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/lib/server/libjvm.so", explicit_home);
        if (!jembed_trusted_file(lib, path, sizeof path, refused, sizeof refused)) {
            trail_add(t, "  JEMBED_JAVA_HOME (the only place searched when set): %s\n", refused);
            return NULL;
        }
        void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
        const char *why = h ? NULL : dlerror();
        trail_add(t, "  JEMBED_JAVA_HOME (the only place searched when set): %s%s\n", h ? "loaded " : "", h ? path : why);
        return h;
    }
    struct { const char *what; const char *home; const char *suffix; } places[] = {
        { "runtime bundled beside the library ($ORIGIN/jre)", origin[0] ? origin : NULL, "/jre" },
        { "JDK recorded at build time", lib->build_java_home, "" },
        { "JAVA_HOME", jembed_getenv(lib, "JAVA_HOME"), "" },
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        if (places[i].home == NULL || places[i].home[0] == '\0') {
            trail_add(t, "  %s: not set\n", places[i].what);
            continue;
        }
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s%s/lib/server/libjvm.so", places[i].home, places[i].suffix);
        if (!jembed_trusted_file(lib, path, sizeof path, refused, sizeof refused)) {
            trail_add(t, "  %s: %s\n", places[i].what, refused);
            continue;
        }
        void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
        if (h != NULL) {
            trail_add(t, "  %s: loaded %s\n", places[i].what, path);
            return h;
        }
        const char *why = dlerror();
        trail_add(t, "  %s: %s\n", places[i].what, why ? why : path);
    }
    return NULL;
}

static void sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
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

/* The JVM of this process: joined when one runs, created otherwise. 0 on success. */
static int find_or_create_vm(jembed_library *lib, JNIEnv **env_out, trail *t) {
    double phase = now_ms();
    void *jvm = loaded_libjvm(t);
    if (jvm == NULL) {
        jvm = open_libjvm(lib, t);
        trace_phase(lib, "libjvm loaded (dlopen)", &phase);
        if (jvm == NULL) {
            trail_add(t, "no JVM found: set JEMBED_JAVA_HOME (or JAVA_HOME) to a JDK 22 or newer\n");
            return -1;
        }
    }
    created_vms_fn created = (created_vms_fn)dlsym(jvm, "JNI_GetCreatedJavaVMs");
    create_vm_fn create = (create_vm_fn)dlsym(jvm, "JNI_CreateJavaVM");
    if (created == NULL || create == NULL) {
        trail_add(t, "libjvm.so has no JNI invocation API (JNI_CreateJavaVM)\n");
        return -1;
    }
    JavaVM *vm = NULL;
    jsize count = 0;
    if (created(&vm, 1, &count) == JNI_OK && count > 0) {
        trail_add(t, "  joined the JVM already running in this process\n");
    } else {
        const char *strict_vars[] = { "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS" };
        for (size_t i = 0; i < sizeof strict_vars / sizeof strict_vars[0]; i++) {
            const char *v = jembed_getenv(lib, strict_vars[i]); /* non-NULL when HotSpot will read it */
            if (v != NULL && v[0] != '\0') {
                if (jembed_secure_mode(lib)) { /* an agent or option from it would run inside this process */
                    trail_add(t, "%s is set and the JVM would read it, but this library trusts no environment here "
                                 "(privileged process, or <trustEnvironment>false</trustEnvironment>): unset it\n",
                              strict_vars[i]);
                    return -1;
                }
                if (lib->strict_environment) {
                    trail_add(t, "%s is set (\"%s\") and this library was built with <strictEnvironment>: "
                                 "unset it, or build without strict mode\n", strict_vars[i], v);
                    return -1;
                }
                trail_add(t, "  %s is set and is read by the JVM: %s\n", strict_vars[i], v);
            }
        }
        /* Options from the environment variable named after the library, split at white space. */
        char *env_copy = NULL;
        int env_count = 0;
        if (lib->options_env_var != NULL) {
            const char *v = jembed_getenv(lib, lib->options_env_var);
            if (v != NULL && v[0] != '\0') {
                env_copy = strdup(v);
                if (env_copy == NULL) {
                    trail_add(t, "out of memory\n");
                    return -1;
                }
                for (char *p = env_copy; *p; ) {
                    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
                    if (*p == '\0') break;
                    env_count++;
                    while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
                }
            }
        }
        int n = lib->jvm_option_count + env_count;
        JavaVMOption *options = calloc((size_t)n + 1, sizeof *options);
        if (options == NULL) {
            free(env_copy);
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
            for (char *save = NULL, *tok = strtok_r(env_copy, " \t\n", &save); tok != NULL; tok = strtok_r(NULL, " \t\n", &save)) {
                options[i++].optionString = tok;
                trail_add(t, " %s", tok);
            }
        }
        trail_add(t, "\n");
        JavaVMInitArgs args;
        args.version = JNI_VERSION_10;
        args.nOptions = n;
        args.options = options;
        args.ignoreUnrecognized = JNI_FALSE;
        JNIEnv *env = NULL;
        jint rc = create(&vm, (void **)&env, &args);
        trace_phase(lib, "JVM created (JNI_CreateJavaVM)", &phase);
        free(options);
        free(env_copy);
        if (rc == JNI_EEXIST) {
            /* Another library is creating the JVM right now: wait until it is visible, then join. */
            trail_add(t, "  another library created the JVM first; joining it\n");
            for (long waited = 0; waited < JEMBED_JOIN_WAIT_MS; waited += 5) {
                if (created(&vm, 1, &count) == JNI_OK && count > 0) {
                    break;
                }
                sleep_ms(5);
            }
            if (count == 0) {
                trail_add(t, "timed out waiting for the JVM another library is creating\n");
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
    double phase = now_ms();
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
    lib->bridge = (jclass)(*env)->NewGlobalRef(env, bridge);
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
    double phase = now_ms();
    jmethodID m = (*env)->GetStaticMethodID(env, lib->bridge, "$dispatchStart", "(JZ)V");
    if (m != NULL) {
        (*env)->CallStaticVoidMethod(env, lib->bridge, m, (jlong)(intptr_t)lib->fast, background ? JNI_TRUE : JNI_FALSE);
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

/* Runs the start under the library's lock. 0 when ready. */
static int start_locked(jembed_library *lib) {
    trail t;
    t.used = 0;
    t.text[0] = '\0';
    lib->trace = trace_wanted(lib);
    double started = now_ms();
    JNIEnv *env = NULL;
    if (find_or_create_vm(lib, &env, &t) != 0) {
        report_failed_start(lib, NULL, &t);
        return -1;
    }
    if ((*env)->PushLocalFrame(env, 64) != 0) {
        (*env)->ExceptionClear(env);
        trail_add(&t, "out of memory for JNI local references\n");
        report_failed_start(lib, NULL, &t);
        return -1;
    }
    int rc = define_and_bind(lib, env, &t);
    if (rc != 0) {
        report_failed_start(lib, env, &t);
    } else {
        registry_add(env, 1, lib->created_vm, NULL);
        if (lib->dispatch == JEMBED_DISPATCH_FFM) {
            start_ffm_dispatch(lib, env, 0);
        }
    }
    (*env)->PopLocalFrame(env, NULL);
    trace_phase(lib, rc == 0 ? "start total" : "start total (failed)", &started);
    return rc;
}

static void report_refused_call(jembed_library *lib, int binding) {
    unsigned n = __atomic_add_fetch(&lib->failed_calls, 1, __ATOMIC_RELAXED);
    const char *fn = binding >= 0 ? lib->bindings[binding].c_name : "start";
    if (n <= JEMBED_REFUSED_CALL_MESSAGES) {
        fprintf(stderr, "jembed: %s: %s: %s; returning %s\n", lib->name, fn,
                __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_SHUT_DOWN ? "the library was shut down"
                                                                                   : "not started (start failed earlier)",
                binding >= 0 ? lib->bindings[binding].error_value : "-1");
        if (n == JEMBED_REFUSED_CALL_MESSAGES) {
            fprintf(stderr, "jembed: %s: further refused calls are not reported\n", lib->name);
        }
    }
}

/* Starts the library unless it is started; *ran_start tells whether this call ran (and reported) the start. */
static int start(jembed_library *lib, int *ran_start) {
    *ran_start = 0;
    int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    if (state == JEMBED_READY) {
        return 0;
    }
    if (state == JEMBED_FAILED || state == JEMBED_SHUT_DOWN) {
        return -1;
    }
    int saved_errno = errno;
    pthread_mutex_lock(&lib->lock);
    state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    int rc;
    if (state != JEMBED_NOT_STARTED) {
        rc = state == JEMBED_READY ? 0 : -1;
    } else if (lib->initializing) {
        /* The initializing thread calling back in (recursive lock): go through once bound. */
        rc = __atomic_load_n(&lib->bound, __ATOMIC_ACQUIRE) ? 0 : -1;
    } else {
        lib->initializing = 1;
        *ran_start = 1;
        rc = start_locked(lib);
        lib->initializing = 0;
        __atomic_store_n(&lib->state, rc == 0 ? JEMBED_READY : JEMBED_FAILED, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&lib->lock);
    errno = saved_errno;
    return rc;
}

void jembed_jni_calls_reached(jembed_library *lib, JNIEnv *env) {
    if (__atomic_load_n(&lib->ffm_started, __ATOMIC_RELAXED) || lib->initializing
        || __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) != JEMBED_READY) {
        return;
    }
    pthread_mutex_lock(&lib->lock);
    if (!lib->ffm_started && !lib->initializing && __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_READY) {
        __atomic_store_n(&lib->ffm_started, 1, __ATOMIC_RELAXED);
        int saved_errno = errno;
        start_ffm_dispatch(lib, env, 1);
        errno = saved_errno;
    }
    pthread_mutex_unlock(&lib->lock);
}

int jembed_start(jembed_library *lib) {
    int ran_start;
    return start(lib, &ran_start);
}

JNIEnv *jembed_env_slow(jembed_library *lib, int binding) {
    int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    if (state != JEMBED_READY) {
        int ran_start;
        if (start(lib, &ran_start) != 0) {
            if (!ran_start) {
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

/*
 * Adds delta to the number of started, not shut-down jembed libraries in this JVM and returns the new count
 * (-1 on a JNI failure). The count lives in a system property, the one place every library's class loader sees,
 * updated under the monitor of java.lang.System so that libraries starting together do not lose updates.
 * mark_created records that a jembed library created the JVM; *created_by_jembed (when not NULL) tells whether one did.
 */
static int registry_add(JNIEnv *env, int delta, int mark_created, int *created_by_jembed) {
    jclass sys = (*env)->FindClass(env, "java/lang/System");
    if (sys == NULL) {
        (*env)->ExceptionClear(env);
        return -1;
    }
    jmethodID get = (*env)->GetStaticMethodID(env, sys, "getProperty", "(Ljava/lang/String;)Ljava/lang/String;");
    jmethodID set = (*env)->GetStaticMethodID(env, sys, "setProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
    jstring key = (*env)->NewStringUTF(env, JEMBED_ACTIVE_PROPERTY);
    int count = -1;
    if (get != NULL && set != NULL && key != NULL && (*env)->MonitorEnter(env, sys) == JNI_OK) {
        count = 0;
        jstring old = (jstring)(*env)->CallStaticObjectMethod(env, sys, get, key);
        if (old != NULL) {
            const char *text = (*env)->GetStringUTFChars(env, old, NULL);
            if (text != NULL) {
                count = atoi(text);
                (*env)->ReleaseStringUTFChars(env, old, text);
            }
            (*env)->DeleteLocalRef(env, old);
        }
        count += delta;
        char buf[16];
        snprintf(buf, sizeof buf, "%d", count);
        jstring value = (*env)->NewStringUTF(env, buf);
        jobject prev = (*env)->CallStaticObjectMethod(env, sys, set, key, value);
        (*env)->DeleteLocalRef(env, prev);
        (*env)->DeleteLocalRef(env, value);
        jstring ckey = (*env)->NewStringUTF(env, JEMBED_CREATED_PROPERTY);
        if (mark_created) {
            jstring yes = (*env)->NewStringUTF(env, "true");
            prev = (*env)->CallStaticObjectMethod(env, sys, set, ckey, yes);
            (*env)->DeleteLocalRef(env, prev);
            (*env)->DeleteLocalRef(env, yes);
        }
        if (created_by_jembed != NULL) {
            jobject created = (*env)->CallStaticObjectMethod(env, sys, get, ckey);
            *created_by_jembed = created != NULL;
            (*env)->DeleteLocalRef(env, created);
        }
        (*env)->DeleteLocalRef(env, ckey);
        (*env)->MonitorExit(env, sys);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        count = -1;
    }
    (*env)->DeleteLocalRef(env, key);
    (*env)->DeleteLocalRef(env, sys);
    return count;
}

int jembed_shutdown(jembed_library *lib) {
    int saved_errno = errno;
    pthread_mutex_lock(&lib->lock);
    int rc = -1;
    if (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == JEMBED_READY && !lib->initializing) {
        JNIEnv *env = jembed_tls_env != NULL ? jembed_tls_env : thread_env(lib);
        if (env != NULL) {
            int created_by_jembed = 0;
            int remaining = registry_add(env, -1, 0, &created_by_jembed);
            int destroy = remaining == 0 && created_by_jembed;
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
            if (destroy) {
                /* Runs shutdown hooks and waits for non-daemon Java threads; jembed's threads are daemons. */
                jembed_tls_env = NULL;
                (*lib->vm)->DestroyJavaVM(lib->vm);
            }
        }
    }
    pthread_mutex_unlock(&lib->lock);
    errno = saved_errno;
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
