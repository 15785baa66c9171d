#set( $h = '#' )
/* Calls do_stuff() through lib${libraryName}.so; stdout must match do_stuff_test.expected. */
${h}include <stdio.h>

${h}include "${libraryName}.h"

int main(void)
{
    point_t p = {3, 4};
    int r = do_stuff(&p);
    printf("result: %d\n", r);
    return r == 7 ? 0 : 1;
}
