package org.jembed.runtime;

/**
 * Leaves Java for the host's error: a non-local exit ({@code lua_error}, PostgreSQL's {@code ereport(ERROR)}) that
 * happens once the Java frames have returned, never across them (a {@code longjmp} through Java frames corrupts the
 * JVM). Thrown by {@link #raise(String)} and by the generated methods of the host functions the pom lists as
 * {@code <raisingFunctions>}; it unwinds Java to the exported function, whose glue then performs the host's raise.
 * It is an {@link Error} so that ordinary {@code catch (Exception e)} blocks let it through; do not catch it.
 */
public final class HostError extends Error {
    private static final long serialVersionUID = 1L;

    HostError(String message) {
        super(message, null, false, false);
    }

    /**
     * Raises the host's error with {@code message} once this Java call has returned to the glue: with
     * {@code <hostGuard>lua</hostGuard>}, {@code luaL_error(L, "%s", message)} on the {@code lua_State} of the
     * exported function; with {@code postgresql}, {@code ereport(ERROR, errmsg("%s", message))}; with a guard header
     * of the project's, its {@code JEMBED_GUARD_RAISE}.
     *
     * @param message the error's message, UTF-8 encoded for C (cut at 1,023 bytes)
     * @return never returns normally; declared to return the exception so that callers may write
     *         {@code throw HostError.raise(...)}
     * @throws HostError always
     * @throws IllegalStateException when the library has no {@code <hostGuard>}, which says how the host raises
     */
    public static HostError raise(String message) {
        NonLocal.raiseMessage(message);
        throw new HostError(message);
    }
}
