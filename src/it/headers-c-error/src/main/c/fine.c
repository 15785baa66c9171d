/* User C that compiles, beside the broken file. */
#include "cerr.h"

int fine(void) { return 1; }
