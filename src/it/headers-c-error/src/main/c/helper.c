/* User C with a mistake on line 4. */
#include "cerr.h"

int helper(void) { return 42 }
