/* Linked with -lplugin: through the development link libplugin.so -> libplugin.so.1 -> libplugin.so.1.5.2. */
#include <stdio.h>
#include "plugin.h"

int main(void) {
    printf("add(3, 4) = %d\n", add(3, 4));
    return 0;
}
