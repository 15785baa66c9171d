/* The module's commands (RedisModuleCmdFunc), implemented in Java: not exported, Redis gets their addresses. */
#ifndef JREDIS_COMMANDS_H
#define JREDIS_COMMANDS_H
#include "jredis.h"

/* JEMBED.ADD a b: the integer a + b */
int jredis_add(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
/* JEMBED.UPPER s: s in upper case (ASCII), as a bulk string */
int jredis_upper(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
/* JEMBED.DIGITSUM s: the sum of the decimal digits in s */
int jredis_digitsum(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
/* JEMBED.FAIL n: throws a Java exception, which the module's error handler turns into an error reply */
int jredis_fail(RedisModuleCtx *ctx, RedisModuleString **argv, int argc);
#endif
