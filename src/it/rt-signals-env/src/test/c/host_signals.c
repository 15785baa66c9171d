/* The host's own SIGINT and SIGTERM handlers keep working after the JVM starts (jembed passes -Xrs). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "sigenv.h"

static volatile sig_atomic_t got_int, got_term;

static void on_int(int sig) { (void)sig; got_int = 1; }
static void on_term(int sig) { (void)sig; got_term = 1; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int;
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);

    printf("ping: %d\n", ping()); /* the JVM starts here */

    struct sigaction now;
    sigaction(SIGINT, NULL, &now);
    printf("SIGINT handler still the host's: %s\n", now.sa_handler == on_int ? "yes" : "no");
    sigaction(SIGTERM, NULL, &now);
    printf("SIGTERM handler still the host's: %s\n", now.sa_handler == on_term ? "yes" : "no");
    raise(SIGINT);
    raise(SIGTERM);
    printf("handlers ran: SIGINT %s, SIGTERM %s\n", got_int ? "yes" : "no", got_term ? "yes" : "no");
    printf("ping after the signals: %d\n", ping());
    return 0;
}
