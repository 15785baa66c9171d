#include "host.h"

jmp_buf host_catch;

void host_fail(int code) {
    longjmp(host_catch, code);
}
