package org.example.jredis;

import static org.example.redis.redismodule_h.RedisModule_ReplyWithError;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** The module's error handler (the pom's errorHandler): whatever a command throws becomes the client's error reply. */
public final class Replies {
    private Replies() {
    }

    /** For every function of the signature (ctx, argv, argc): the call's context, so it can reply. */
    public static int reply(Throwable t, MemorySegment ctx, MemorySegment argv, int argc) {
        try (Arena arena = Arena.ofConfined()) {
            // RedisModule_ReplyWithError copies the message
            return RedisModule_ReplyWithError(ctx, arena.allocateFrom("ERR " + t));
        }
    }
}
