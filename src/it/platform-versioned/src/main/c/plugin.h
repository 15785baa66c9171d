#ifndef PLUGIN_H
#define PLUGIN_H
/* Returns a + b, computed in Java. */
int add(int a, int b);
#endif
