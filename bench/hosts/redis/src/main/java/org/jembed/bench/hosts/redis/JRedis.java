package org.jembed.bench.hosts.redis;

import static org.jembed.bench.hosts.redis.capi.redismodule_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jembed.bench.hosts.redis.capi.jredis_java_commands_h;
import org.jembed.runtime.Export;

/** The Redis module "jembed": jembed.add and jembed.digitsum, as ../../c/jredis_c.c does them in C. */
public final class JRedis {
    private static final MemorySegment NOT_AN_INTEGER = Arena.global().allocateFrom("ERR value is not an integer");
    /** Redis runs a module's commands on its main thread, one at a time: one cell for an integer or a length. */
    private static final MemorySegment CELL = Arena.global().allocate(ValueLayout.JAVA_LONG);

    private JRedis() {
    }

    @Export
    public static int RedisModule_OnLoad(MemorySegment ctx, MemorySegment argv, int argc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flags = arena.allocateFrom("readonly fast");
            if (RedisModule_Init(ctx, arena.allocateFrom("jembed"), 1, REDISMODULE_APIVER_1) == REDISMODULE_ERR
                    || RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.add"),
                            jredis_java_commands_h.jredis_java_add$address(), flags, 0, 0, 0) == REDISMODULE_ERR
                    || RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.digitsum"),
                            jredis_java_commands_h.jredis_java_digitsum$address(), flags, 0, 0, 0) == REDISMODULE_ERR) {
                return REDISMODULE_ERR;
            }
        }
        return REDISMODULE_OK;
    }

    private static MemorySegment arg(MemorySegment argv, int argc, int i) {
        return argv.reinterpret(argc * ValueLayout.ADDRESS.byteSize()).getAtIndex(ValueLayout.ADDRESS, i);
    }

    @Export
    public static int jredis_java_add(MemorySegment ctx, MemorySegment argv, int argc) {
        if (argc != 3) {
            return RedisModule_WrongArity(ctx);
        }
        if (RedisModule_StringToLongLong(arg(argv, argc, 1), CELL) != REDISMODULE_OK) {
            return RedisModule_ReplyWithError(ctx, NOT_AN_INTEGER);
        }
        long a = CELL.get(ValueLayout.JAVA_LONG, 0);
        if (RedisModule_StringToLongLong(arg(argv, argc, 2), CELL) != REDISMODULE_OK) {
            return RedisModule_ReplyWithError(ctx, NOT_AN_INTEGER);
        }
        return RedisModule_ReplyWithLongLong(ctx, a + CELL.get(ValueLayout.JAVA_LONG, 0));
    }

    @Export
    public static int jredis_java_digitsum(MemorySegment ctx, MemorySegment argv, int argc) {
        if (argc != 2) {
            return RedisModule_WrongArity(ctx);
        }
        MemorySegment s = RedisModule_StringPtrLen(arg(argv, argc, 1), CELL).reinterpret(CELL.get(ValueLayout.JAVA_LONG, 0));
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i++) {
            byte c = s.get(ValueLayout.JAVA_BYTE, i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return RedisModule_ReplyWithLongLong(ctx, sum);
    }
}
