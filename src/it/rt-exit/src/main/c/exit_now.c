#include <stdio.h>
#include <stdlib.h>
#include "internal/exit_now.h"

void exit_now(int32_t status) {
    fflush(stdout);
    exit(status);
}
