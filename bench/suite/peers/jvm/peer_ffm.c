/* Peer (c): an FFM upcall stub. The JVM starts through the same hand-written bootstrap as the JNI peer; then
 * Java (org.jembed.bench.peers.FfmPeer.install) makes an upcall stub per function with
 * Linker.nativeLinker().upcallStub and hands their addresses to C, which calls through them from then on. */
#include "jvm_boot.h"
#include "peer.h"

#define EXPORT __attribute__((visibility("default")))
#define CLASS "org/jembed/bench/peers/FfmPeer"

static int32_t (*fp_add)(int32_t, int32_t);
static int32_t (*fp_do_stuff)(point_t *);
static const char *(*fp_shout)(const char *);
static void *(*fp_make_box)(int32_t);
static int32_t (*fp_unbox)(void *);
static int ready;

static int init(JNIEnv *env, jclass c) {
    jmethodID install = (*env)->GetStaticMethodID(env, c, "install", "()[J");
    if (install == NULL) {
        (*env)->ExceptionDescribe(env);
        return -1;
    }
    jlongArray stubs = (*env)->CallStaticObjectMethod(env, c, install);
    if ((*env)->ExceptionCheck(env) || stubs == NULL || (*env)->GetArrayLength(env, stubs) != 5) {
        (*env)->ExceptionDescribe(env);
        return -1;
    }
    jlong a[5];
    (*env)->GetLongArrayRegion(env, stubs, 0, 5, a);
    (*env)->DeleteLocalRef(env, stubs);
    fp_add = (int32_t (*)(int32_t, int32_t))(intptr_t)a[0];
    fp_do_stuff = (int32_t (*)(point_t *))(intptr_t)a[1];
    fp_shout = (const char *(*)(const char *))(intptr_t)a[2];
    fp_make_box = (void *(*)(int32_t))(intptr_t)a[3];
    fp_unbox = (int32_t (*)(void *))(intptr_t)a[4];
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    return 0;
}

static int started(void) {
    if (__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) return 1;
    return boot_env(CLASS, "--enable-native-access=ALL-UNNAMED", init) != NULL && ready;
}

EXPORT int32_t add(int32_t a, int32_t b) {
    return started() ? fp_add(a, b) : -1;
}

EXPORT int32_t do_stuff(point_t *p) {
    return started() ? fp_do_stuff(p) : -1;
}

EXPORT const char *shout(const char *s) {
    return started() ? fp_shout(s) : NULL;
}

EXPORT void *make_box(int32_t v) {
    return started() ? fp_make_box(v) : NULL;
}

EXPORT int32_t unbox(void *h) {
    return started() ? fp_unbox(h) : -1;
}
