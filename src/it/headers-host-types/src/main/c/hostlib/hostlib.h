/* A host's header as hosts write them: what the plugin API uses, next to what it never touches. */
#ifndef HOSTLIB_H
#define HOSTLIB_H
#include <stddef.h>
#include <stdint.h>

typedef unsigned __int128 host_u128;                        /* never used by the API */
static const int host_table[] = { 1, 2, 3 };                /* a header's own data */
_Static_assert(sizeof(int) == 4, "int is 32 bits");
__extension__ typedef struct { long double ld; _Complex double z; } host_exotic;

#define HOST_FLAG_READY 0x1
#define HOST_FLAG_DIRTY 0x2
#define HOST_KIND(f) ((f)->kind)

/* a request as the host hands it to the plugin */
typedef struct host_request {
    uint32_t ready : 1;
    uint32_t dirty : 1;
    int32_t mode : 4;                   /* a signed bit-field */
    uint32_t : 0;                       /* an unnamed one: padding */
    int kind;
    union {                             /* an anonymous union: its members are the struct's */
        int64_t number;
        double real;
    };
    unsigned __int128 wide;             /* no Java counterpart: no accessor, the rest is unaffected */
    long double precise;
    size_t count;
    int32_t values[];                   /* a flexible array member: as many as the host allocated */
} host_request;

/* the host's helpers the plugin calls from Java */
host_request *host_request_new(size_t count);
void host_request_free(host_request *r);
static inline int host_request_is_ready(const host_request *r) { return r->ready; }
#endif
