#ifndef THREAD_NAMES_H
#define THREAD_NAMES_H
/* Thread.currentThread().getName() of the calling thread, as Java sees it. */
const char *thread_name(void);
#endif
