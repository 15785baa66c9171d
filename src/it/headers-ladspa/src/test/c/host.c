/* A LADSPA host: instantiates the Java plugin, runs it from two threads, checks the samples. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "amp.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

static const LADSPA_Descriptor *d;

static void *process(void *arg) {
    float gain = *(float *)arg, in[64], out[64];
    for (int i = 0; i < 64; i++) { in[i] = (float)i - 32; out[i] = 0; }
    LADSPA_Handle h = d->instantiate(d, 48000);
    if (h == NULL) return "instantiate returned NULL";
    d->connect_port(h, 0, &gain);
    d->connect_port(h, 1, in);
    d->connect_port(h, 2, out);
    for (int round = 0; round < 100; round++) d->run(h, 64);
    d->cleanup(h);
    for (int i = 0; i < 64; i++) if (out[i] != in[i] * gain) return "wrong sample";
    return NULL;
}

int main(void) {
    d = ladspa_descriptor(0);
    CHECK(d != NULL);
    CHECK(ladspa_descriptor(1) == NULL);
    if (d == NULL) return 1;
    CHECK(d->UniqueID == 4242 && strcmp(d->Label, "jembed_amp") == 0 && d->PortCount == 3);
    CHECK(LADSPA_IS_PORT_CONTROL(d->PortDescriptors[0]) && LADSPA_IS_PORT_OUTPUT(d->PortDescriptors[2]));
    CHECK(strcmp(d->PortNames[1], "Input") == 0);
    CHECK(d->PortRangeHints[0].UpperBound == 10.0f);
    CHECK(d->activate == NULL && d->run_adding == NULL);

    /* the Java lambda throws: printed, and the host gets NULL instead of a dead process */
    CHECK(d->instantiate(d, 0) == NULL);

    float g1 = 2.0f, g2 = -0.5f;
    pthread_t t1, t2;
    void *r1, *r2;
    pthread_create(&t1, NULL, process, &g1);
    pthread_create(&t2, NULL, process, &g2);
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    CHECK(r1 == NULL);
    CHECK(r2 == NULL);

    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all passed: %d checks\n", checks);
    return 0;
}
