/* The Redis module "jembed" in Java: the benchmark's twin of ../../c/jredis_c.c. redismodule.h is Redis's own
 * header, which bench/hosts.sh fetches into bench/target/downloads/. */
#ifndef JREDIS_JAVA_H
#define JREDIS_JAVA_H
#include "redismodule.h"

int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
#endif
