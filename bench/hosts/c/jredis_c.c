/* The Redis module "jembed" in C: jembed.add a b and jembed.digitsum s, the baseline of the Java module ../redis/
 * (the same commands, the same replies). Built with Redis's redismodule.h (bench/hosts.sh fetches it). */
#include "redismodule.h"

static int add(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    long long a, b;
    if (argc != 3) {
        return RedisModule_WrongArity(ctx);
    }
    if (RedisModule_StringToLongLong(argv[1], &a) != REDISMODULE_OK
            || RedisModule_StringToLongLong(argv[2], &b) != REDISMODULE_OK) {
        return RedisModule_ReplyWithError(ctx, "ERR value is not an integer");
    }
    return RedisModule_ReplyWithLongLong(ctx, a + b);
}

static int digitsum(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    size_t length;
    long long sum = 0;
    if (argc != 2) {
        return RedisModule_WrongArity(ctx);
    }
    const char *s = RedisModule_StringPtrLen(argv[1], &length);
    for (size_t i = 0; i < length; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            sum += s[i] - '0';
        }
    }
    return RedisModule_ReplyWithLongLong(ctx, sum);
}

__attribute__((visibility("default"))) int RedisModule_OnLoad(RedisModuleCtx *ctx, RedisModuleString **argv, int argc) {
    (void) argv;
    (void) argc;
    if (RedisModule_Init(ctx, "jembed", 1, REDISMODULE_APIVER_1) == REDISMODULE_ERR
            || RedisModule_CreateCommand(ctx, "jembed.add", add, "readonly fast", 0, 0, 0) == REDISMODULE_ERR
            || RedisModule_CreateCommand(ctx, "jembed.digitsum", digitsum, "readonly fast", 0, 0, 0) == REDISMODULE_ERR) {
        return REDISMODULE_ERR;
    }
    return REDISMODULE_OK;
}
