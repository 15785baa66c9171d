package org.jembed.runtime;

/**
 * The host's error, raised by a host function that Java called through a protected wrapper (the pom's
 * {@code <protectedFunctions>}: {@code luaL_checkinteger}, {@code palloc}, ...): the host's guard caught the jump
 * ({@code lua_pcall}, {@code PG_TRY}) before it could reach Java, and the host's error is kept. Java may catch it and
 * go on (the kept error is then discarded); if it leaves the exported Java method, the glue raises the same error in
 * the host once Java has returned, as if the host function had raised it in C.
 */
public final class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the host's message ({@code ErrorData.message}, the Lua error's string) */
    public HostException(String message) {
        super(message, null, false, false);
    }
}
