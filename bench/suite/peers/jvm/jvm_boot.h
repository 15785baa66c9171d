/* The JVM bootstrap a user writes by hand, shared by the hand-written JNI peer and the FFM upcall peer:
 * create (or join) the JVM with -Djava.class.path=<dir of this .so>/peers.jar, find the peer class once, keep
 * each thread's JNIEnv in a TLS variable, attach new threads on their first call and detach them at exit. */
#ifndef BENCH_JVM_BOOT_H
#define BENCH_JVM_BOOT_H
#include <jni.h>

/* Called once, on the thread that started the JVM, with the peer class (a global reference);
 * returns 0, or -1 if the peer cannot work. */
typedef int (*boot_init_fn)(JNIEnv *env, jclass peer_class);

/* The JNIEnv of the calling thread, starting the JVM on the first call of the process (class `class_name`,
 * extra JVM option `extra_option` or NULL, then `init`). NULL, with a message on stderr, if it cannot start. */
JNIEnv *boot_env(const char *class_name, const char *extra_option, boot_init_fn init);

/* The peer class found at start (a global reference). */
extern jclass boot_class;
#endif
