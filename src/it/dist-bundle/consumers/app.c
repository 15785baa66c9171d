/* A consumer of the bundle: includes the API header, calls through the library. */
#include <stdio.h>
#include <greeter.h>

int main(void)
{
    pair_t p = {20, 22};
    int r = greet_sum(&p);
    printf("sum: %d\n", r);
    return r == 42 ? 0 : 1;
}
