package org.example.jredis;

import static org.example.redis.redismodule_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.example.redis.jredis_commands_h;
import org.jembed.runtime.Export;

/**
 * The Redis module jembed, in Java: every call into Redis goes through the generated redismodule_h downcalls, which
 * read Redis's function-pointer variables (RedisModule_ReplyWithLongLong, ...) that RedisModule_Init filled in.
 */
public final class JRedis {
    /** Error replies, C strings for as long as the module is loaded. */
    private static final MemorySegment NOT_AN_INTEGER = Arena.global().allocateFrom("ERR value is not an integer");

    /**
     * Where Redis writes a parsed integer or a string's length: Redis runs a module's commands on its main thread,
     * one at a time, so one cell serves every call.
     */
    private static final MemorySegment CELL = Arena.global().allocate(ValueLayout.JAVA_LONG);

    private JRedis() {
    }

    /** {@code redis-server --loadmodule jredis.so}: the module "jembed" and its three commands. */
    @Export
    public static int RedisModule_OnLoad(MemorySegment ctx, MemorySegment argv, int argc) {
        try (Arena arena = Arena.ofConfined()) {
            // a static function of redismodule.h: jembed wraps it in C, and it fills in the API's variables
            if (RedisModule_Init(ctx, arena.allocateFrom("jembed"), 1, REDISMODULE_APIVER_1) == REDISMODULE_ERR) {
                return REDISMODULE_ERR;
            }
            MemorySegment flags = arena.allocateFrom("readonly fast");
            if (RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.add"), jredis_commands_h.jredis_add$address(),
                            flags, 0, 0, 0) == REDISMODULE_ERR
                    || RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.upper"),
                            jredis_commands_h.jredis_upper$address(), flags, 0, 0, 0) == REDISMODULE_ERR
                    || RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.digitsum"),
                            jredis_commands_h.jredis_digitsum$address(), flags, 0, 0, 0) == REDISMODULE_ERR
                    || RedisModule_CreateCommand(ctx, arena.allocateFrom("jembed.fail"),
                            jredis_commands_h.jredis_fail$address(), flags, 0, 0, 0) == REDISMODULE_ERR) {
                return REDISMODULE_ERR;
            }
        }
        return REDISMODULE_OK;
    }

    /** The i-th RedisModuleString * of a command's argv. */
    private static MemorySegment arg(MemorySegment argv, int argc, int i) {
        return argv.reinterpret(argc * ValueLayout.ADDRESS.byteSize()).getAtIndex(ValueLayout.ADDRESS, i);
    }

    /** The bytes of a RedisModuleString (binary-safe: its length, not a terminating NUL). */
    private static MemorySegment bytes(MemorySegment string) {
        MemorySegment ptr = RedisModule_StringPtrLen(string, CELL);
        return ptr.reinterpret(CELL.get(ValueLayout.JAVA_LONG, 0));
    }

    /** JEMBED.ADD a b */
    @Export
    public static int jredis_add(MemorySegment ctx, MemorySegment argv, int argc) {
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

    /** JEMBED.UPPER s */
    @Export
    public static int jredis_upper(MemorySegment ctx, MemorySegment argv, int argc) {
        if (argc != 2) {
            return RedisModule_WrongArity(ctx);
        }
        MemorySegment s = bytes(arg(argv, argc, 1));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment upper = arena.allocate(Math.max(1, s.byteSize()));
            for (long i = 0; i < s.byteSize(); i++) {
                byte c = s.get(ValueLayout.JAVA_BYTE, i);
                upper.set(ValueLayout.JAVA_BYTE, i, c >= 'a' && c <= 'z' ? (byte) (c - 32) : c);
            }
            return RedisModule_ReplyWithStringBuffer(ctx, upper, s.byteSize());
        }
    }

    /** JEMBED.DIGITSUM s */
    @Export
    public static int jredis_digitsum(MemorySegment ctx, MemorySegment argv, int argc) {
        if (argc != 2) {
            return RedisModule_WrongArity(ctx);
        }
        MemorySegment s = bytes(arg(argv, argc, 1));
        long sum = 0;
        for (long i = 0; i < s.byteSize(); i++) {
            byte c = s.get(ValueLayout.JAVA_BYTE, i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return RedisModule_ReplyWithLongLong(ctx, sum);
    }

    /** JEMBED.FAIL n: a command whose Java side throws */
    @Export
    public static int jredis_fail(MemorySegment ctx, MemorySegment argv, int argc) {
        throw new IllegalStateException("fail " + new String(bytes(arg(argv, argc, 1)).toArray(ValueLayout.JAVA_BYTE)));
    }
}
