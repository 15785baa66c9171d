#include <stdio.h>
#include "greeter.h"

int main(void)
{
    pair_t p = {1, 2};
    printf("%d\n", greet_sum(&p));
    return 0;
}
