#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jvm_boot.h"

jclass boot_class;

static JavaVM *vm;
static int started; /* 1 ok, -1 failed */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t detach_key;
static __thread JNIEnv *tls_env;

static const char *want_class;
static const char *want_option;
static boot_init_fn want_init;

static void detach(void *unused) {
    (void)unused;
    (*vm)->DetachCurrentThread(vm);
}

static void start(void) {
    Dl_info self;
    char path[4096];
    if (dladdr((void *)start, &self) == 0 || self.dli_fname == NULL) {
        fprintf(stderr, "peer: cannot find my own path\n");
        started = -1;
        return;
    }
    const char *slash = strrchr(self.dli_fname, '/');
    int dir = slash == NULL ? 1 : (int)(slash - self.dli_fname);
    snprintf(path, sizeof path, "-Djava.class.path=%.*s/peers.jar", dir, slash == NULL ? "." : self.dli_fname);

    JNIEnv *env = NULL;
    jsize n = 0;
    if (JNI_GetCreatedJavaVMs(&vm, 1, &n) == JNI_OK && n == 1) {
        if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, NULL) != JNI_OK) env = NULL;
    } else {
        JavaVMOption options[3];
        int count = 0;
        options[count++].optionString = path;
        options[count++].optionString = "-Xrs";
        if (want_option != NULL) options[count++].optionString = (char *)want_option;
        JavaVMInitArgs args;
        memset(&args, 0, sizeof args);
        args.version = JNI_VERSION_21;
        args.nOptions = count;
        args.options = options;
        if (JNI_CreateJavaVM(&vm, (void **)&env, &args) != JNI_OK) env = NULL;
    }
    if (env == NULL) {
        fprintf(stderr, "peer: cannot create or join the JVM\n");
        started = -1;
        return;
    }
    jclass local = (*env)->FindClass(env, want_class);
    if (local == NULL) {
        (*env)->ExceptionDescribe(env);
        started = -1;
        return;
    }
    boot_class = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    pthread_key_create(&detach_key, detach);
    tls_env = env;
    started = want_init(env, boot_class) == 0 ? 1 : -1;
}

JNIEnv *boot_env(const char *class_name, const char *extra_option, boot_init_fn init) {
    JNIEnv *env = tls_env;
    if (env != NULL) return env;
    want_class = class_name;
    want_option = extra_option;
    want_init = init;
    pthread_once(&once, start);
    if (started != 1) return NULL;
    if (tls_env != NULL) return tls_env;
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, NULL) != JNI_OK) {
        fprintf(stderr, "peer: cannot attach this thread\n");
        return NULL;
    }
    pthread_setspecific(detach_key, env);
    tls_env = env;
    return env;
}
