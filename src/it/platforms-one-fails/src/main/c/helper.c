/* User C for POSIX systems only: MinGW-w64 has no <sys/mman.h>, so the Windows build of the library fails here. */
#include <sys/mman.h>

#include "posix_only.h"

int helper_shared_flag(void);
int helper_shared_flag(void) { return MAP_SHARED; }
