/* 10 million calls passing struct pointers and strings keep the resident set flat. */
#include <stdio.h>
#include <unistd.h>
#include "leaky.h"

static long rss_kib(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL) return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long calls(long n) {
    static const char *words[] = { "", "plain", "h\xc3\xa9llo", "\xe2\x82\xac", "\xf0\x9f\x98\x80 smile" };
    long acc = 0;
    point_t p = { 1, 2 };
    for (long i = 0; i < n; i++) {
        p.x = (int)i;
        acc += (i & 1) ? sum_point(&p) : utf8_length(words[i % 5]);
    }
    return acc;
}

int main(void) {
    calls(1000000); /* warm up: JIT, heap sizing */
    long before = rss_kib();
    long acc = calls(10000000);
    long after = rss_kib();
    fprintf(stderr, "RSS %ld KiB -> %ld KiB after 10000000 calls (acc %ld)\n", before, after, acc);
    printf("10000000 calls with struct pointers and strings: RSS growth under 8 MiB: %s\n",
           after - before < 8 * 1024 ? "yes" : "no");
    return 0;
}
