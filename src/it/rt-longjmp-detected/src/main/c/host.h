/* A host's API whose error function leaves by longjmp, as Lua's and PostgreSQL's do. */
#ifndef HOST_H
#define HOST_H
#include <setjmp.h>

/* the host's catch point, set by the host program */
extern jmp_buf host_catch;
/* reports an error: longjmp to host_catch */
void host_fail(int code);
#endif
