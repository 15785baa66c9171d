#ifndef VARS_H
#define VARS_H
#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

JEMBED_EXPORT int visible_count;
extern int hidden_count;
JEMBED_EXPORT int count(void);

#endif
