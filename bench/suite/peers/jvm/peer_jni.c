/* Peer (b): hand-written JNI. Each function gets its thread's cached JNIEnv, calls a static method of
 * org.jembed.bench.peers.JniPeer through a cached jmethodID with Call<T>StaticMethodA, and turns a pending
 * exception into -1 / NULL with the trace on stderr. */
#include <stdlib.h>
#include <string.h>
#include "jvm_boot.h"
#include "peer.h"

#define EXPORT __attribute__((visibility("default")))
#define CLASS "org/jembed/bench/peers/JniPeer"

static jmethodID m_add, m_do_stuff, m_shout, m_make_box, m_unbox;

static int init(JNIEnv *env, jclass c) {
    m_add = (*env)->GetStaticMethodID(env, c, "add", "(II)I");
    m_do_stuff = (*env)->GetStaticMethodID(env, c, "doStuff", "(II)I");
    m_shout = (*env)->GetStaticMethodID(env, c, "shout", "(Ljava/lang/String;)Ljava/lang/String;");
    m_make_box = (*env)->GetStaticMethodID(env, c, "makeBox", "(I)Ljava/lang/Object;");
    m_unbox = (*env)->GetStaticMethodID(env, c, "unbox", "(Ljava/lang/Object;)I");
    if (m_add == NULL || m_do_stuff == NULL || m_shout == NULL || m_make_box == NULL || m_unbox == NULL) {
        (*env)->ExceptionDescribe(env);
        return -1;
    }
    return 0;
}

static JNIEnv *env_or_start(void) {
    return boot_env(CLASS, NULL, init);
}

static int failed(JNIEnv *env) {
    if (!(*env)->ExceptionCheck(env)) return 0;
    (*env)->ExceptionDescribe(env);
    return 1;
}

EXPORT int32_t add(int32_t a, int32_t b) {
    JNIEnv *env = env_or_start();
    if (env == NULL) return -1;
    jvalue args[2];
    args[0].i = a;
    args[1].i = b;
    jint r = (*env)->CallStaticIntMethodA(env, boot_class, m_add, args);
    return failed(env) ? -1 : r;
}

/* JNI code passes a struct's fields, not its address */
EXPORT int32_t do_stuff(point_t *p) {
    JNIEnv *env = env_or_start();
    if (env == NULL) return -1;
    jvalue args[2];
    args[0].i = p->x;
    args[1].i = p->y;
    jint r = (*env)->CallStaticIntMethodA(env, boot_class, m_do_stuff, args);
    return failed(env) ? -1 : r;
}

EXPORT const char *shout(const char *s) {
    static __thread char *buf;
    static __thread size_t cap;
    JNIEnv *env = env_or_start();
    if (env == NULL) return NULL;
    jvalue args[1];
    args[0].l = (*env)->NewStringUTF(env, s);
    if (args[0].l == NULL) {
        failed(env);
        return NULL;
    }
    jstring r = (*env)->CallStaticObjectMethodA(env, boot_class, m_shout, args);
    (*env)->DeleteLocalRef(env, args[0].l);
    if (failed(env) || r == NULL) return NULL;
    const char *u = (*env)->GetStringUTFChars(env, r, NULL);
    const char *out = NULL;
    if (u != NULL) {
        size_t n = strlen(u) + 1;
        if (n > cap) {
            char *b = realloc(buf, n);
            if (b != NULL) {
                buf = b;
                cap = n;
            }
        }
        if (n <= cap) {
            memcpy(buf, u, n);
            out = buf;
        }
        (*env)->ReleaseStringUTFChars(env, r, u);
    }
    (*env)->DeleteLocalRef(env, r);
    return out;
}

/* JNI code hands C a global reference as its handle */
EXPORT void *make_box(int32_t v) {
    JNIEnv *env = env_or_start();
    if (env == NULL) return NULL;
    jvalue args[1];
    args[0].i = v;
    jobject o = (*env)->CallStaticObjectMethodA(env, boot_class, m_make_box, args);
    if (failed(env) || o == NULL) return NULL;
    jobject g = (*env)->NewGlobalRef(env, o);
    (*env)->DeleteLocalRef(env, o);
    return g;
}

EXPORT int32_t unbox(void *h) {
    JNIEnv *env = env_or_start();
    if (env == NULL) return -1;
    jvalue args[1];
    args[0].l = (jobject)h;
    jint r = (*env)->CallStaticIntMethodA(env, boot_class, m_unbox, args);
    return failed(env) ? -1 : r;
}
