#include <stdio.h>
#include "no_class.h"

int main(void) {
    printf("explicit start: %d\n", no_class_start());
    printf("twice(21) = %lld\n", (long long)twice(21));
    printf("explicit start again: %d\n", no_class_start());
    printf("twice(1) = %lld\n", (long long)twice(1));
    return 0;
}
