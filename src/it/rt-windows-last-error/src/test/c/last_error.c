/* GetLastError() and errno as the caller set them, kept across a first call (a failed start: LoadLibraryExW of every
   place searched, messages on stderr) and a refused call. */
#include <errno.h>
#include <stdio.h>
#include <windows.h>
#include "lasterr.h"

int main(void) {
    SetLastError(1234);
    errno = 56;
    int r = twice(21);
    DWORD last = GetLastError();
    int e = errno;
    printf("first call: %d, last error %lu, errno %d\n", r, (unsigned long)last, e);
    SetLastError(4321);
    errno = 65;
    r = twice(21);
    last = GetLastError();
    e = errno;
    printf("second call: %d, last error %lu, errno %d\n", r, (unsigned long)last, e);
    return 0;
}
