/* A local header the API header includes: the bundle must carry it too. */
#ifndef GREETER_TYPES_H
#define GREETER_TYPES_H
typedef struct { int a, b; } pair_t;
#endif
