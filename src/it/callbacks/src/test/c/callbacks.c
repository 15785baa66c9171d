#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "cbs.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

typedef struct { int calls; pthread_t last_thread; pthread_mutex_t lock; } stats_t;

static int32_t subtract(int32_t a, int32_t b, void *user_data) {
    stats_t *s = user_data;
    pthread_mutex_lock(&s->lock);
    s->calls++;
    s->last_thread = pthread_self();
    pthread_mutex_unlock(&s->lock);
    return a - b;
}

static double halve(double x) { return x / 2; }

static char notified[128];
static void on_notify(const char *message, void *user_data) {
    snprintf(notified, sizeof notified, "%s (%s)", message, (const char *)user_data);
}

static void *worker(void *arg) {
    int32_t *result = arg;
    for (int i = 0; i < 1000; i++) {
        *result = apply_stored(i, 1);
    }
    return NULL;
}

int main(void) {
    stats_t stats = { 0, pthread_self(), PTHREAD_MUTEX_INITIALIZER };
    CHECK(register_op(NULL, NULL) == -1);
    CHECK(register_op(subtract, &stats) == 0);
    CHECK(apply_stored(10, 3) == 7 && stats.calls == 1);
    CHECK(pthread_equal(stats.last_thread, pthread_self()));

    /* Java calls the stored callback from a thread of its own */
    CHECK(apply_on_java_thread(INT32_MIN + 5, 5) == INT32_MIN && stats.calls == 2);
    CHECK(!pthread_equal(stats.last_thread, pthread_self()));

    /* four C threads call in at once; each call goes through the stored pointer */
    pthread_t threads[4];
    int32_t results[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&threads[i], NULL, worker, &results[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK(results[i] == 998);
    }
    CHECK(stats.calls == 2 + 4000);

    CHECK(apply_unary(halve, -5.0) == -2.5 && isnan(apply_unary(halve, NAN)));

    register_notify(on_notify, "user data");
    notify_all("héllo");
    CHECK(strcmp(notified, "java says: héllo (user data)") == 0);

    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
