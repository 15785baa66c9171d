/* The module's commands, implemented in Java; Redis gets their addresses. */
#ifndef JREDIS_JAVA_COMMANDS_H
#define JREDIS_JAVA_COMMANDS_H
#include "jredis_java.h"

/* jembed.add a b */
int jredis_java_add(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
/* jembed.digitsum s */
int jredis_java_digitsum(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
#endif
