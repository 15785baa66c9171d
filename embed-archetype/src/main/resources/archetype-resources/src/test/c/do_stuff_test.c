#set( $h = '#' )
/* Calls do_stuff() through the library; stdout must match do_stuff_test.expected, which is what says it worked.
 * Without a JVM the call returns its error value, 0, after a diagnostic on stderr, and the program still exits 0:
 * a jembed library never takes its host down. */
${h}include <stdio.h>

${h}include "${libraryName}.h"

int main(void)
{
    point_t p = {3, 4};
    int r = do_stuff(&p);
    printf("result: %d\n", r);
    return 0;
}
