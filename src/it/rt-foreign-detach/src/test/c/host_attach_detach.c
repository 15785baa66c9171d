/* A host with JNI code of its own does the usual dance on a thread jembed attached: AttachCurrentThread (0, the same
 * env), work, DetachCurrentThread. The next jembed call on that thread must not use the dead JNIEnv: it works (the
 * thread is attached again) and the thread exits cleanly. Each case runs in a fresh process with a time limit. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include "harness.h"
#include "detached.h"

/* The part of the JNI invocation interface the host uses (jni.h's JNIInvokeInterface_ layout). */
typedef struct vm_functions vm_functions;
typedef const vm_functions *java_vm;
struct vm_functions {
    void *reserved0, *reserved1, *reserved2;
    int32_t (*DestroyJavaVM)(java_vm *vm);
    int32_t (*AttachCurrentThread)(java_vm *vm, void **env, void *args);
    int32_t (*DetachCurrentThread)(java_vm *vm);
    int32_t (*GetEnv)(java_vm *vm, void **env, int32_t version);
};
typedef int32_t (*created_vms_fn)(java_vm **vms, int32_t size, int32_t *count);

static void *worker(void *arg) {
    int exit_after_detach = *(int *)arg;
    printf("  twice(1) = %lld\n", (long long)twice(1));
    created_vms_fn created = (created_vms_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    java_vm *vm = NULL;
    int32_t count = 0;
    if (created == NULL || created(&vm, 1, &count) != 0 || count != 1) {
        printf("  no JVM found\n");
        return NULL;
    }
    void *env = NULL;
    printf("  host AttachCurrentThread: %d\n", (int)(*vm)->AttachCurrentThread(vm, &env, NULL));
    printf("  host DetachCurrentThread: %d\n", (int)(*vm)->DetachCurrentThread(vm));
    if (!exit_after_detach) {
        printf("  twice(2) = %lld\n", (long long)twice(2));
        printf("  twice(3) = %lld\n", (long long)twice(3));
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        int exit_after_detach = strcmp(argv[1], "detach-then-thread-exits") == 0;
        pthread_t t;
        pthread_create(&t, NULL, worker, &exit_after_detach);
        pthread_join(t, NULL);
        printf("  worker exited; twice(4) from the main thread = %lld\n", (long long)twice(4));
        return 0;
    }
    harness_run(argv[0], "detach-then-call", 60);
    harness_run(argv[0], "detach-then-thread-exits", 60);
    return 0;
}
