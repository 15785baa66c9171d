/* The host's side, in this IT linked into the library (a real host provides it). */
#include <stdlib.h>
#include <string.h>
#include "hostlib/hostlib.h"

host_request *host_request_new(size_t count) {
    host_request *r = calloc(1, sizeof *r + count * sizeof(int32_t));
    r->count = count;
    return r;
}

void host_request_free(host_request *r) {
    free(r);
}
