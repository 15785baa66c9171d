/* The Redis module jredis: what Redis calls when it loads the module. redismodule.h is Redis's own header, which
 * Redis tells module authors to copy into their module (setup.groovy fetches it for the installed Redis). */
#ifndef JREDIS_H
#define JREDIS_H
#include "redismodule.h"

/* redis-server --loadmodule jredis.so calls it: registers the module and its commands */
int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
#endif
