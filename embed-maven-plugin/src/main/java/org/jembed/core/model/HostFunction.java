package org.jembed.core.model;

/**
 * A function of the host's API that Java calls (a downcall), however the host's header declares it. Java sees one
 * method per host function whatever its kind; the kind says how the glue reaches it.
 *
 * @param name the C name
 * @param type its prototype; for a function-like macro, the one the probe inferred and compiled
 * @param kind how it is declared
 * @param pos  where it is declared (the {@code #define} of a macro)
 * @param written how the header writes it, for Javadoc: the prototype, or a macro's {@code #define} line
 * @param exit    how it may leave: by returning, or by the host's non-local exit (issue 17)
 */
public record HostFunction(String name, CType.Function type, Kind kind, SourcePos pos, String written, Exit exit) {

    /** A host function the header declares with a prototype (which is also how it is written). */
    public HostFunction(String name, CType.Function type, Kind kind, SourcePos pos) {
        this(name, type, kind, pos, "", Exit.RETURNS);
    }

    /** A host function that returns, written as {@code written}. */
    public HostFunction(String name, CType.Function type, Kind kind, SourcePos pos, String written) {
        this(name, type, kind, pos, written, Exit.RETURNS);
    }

    /** This function with another prototype (a macro's, once the probe has typed its result). */
    public HostFunction withType(CType.Function newType) {
        return new HostFunction(name, newType, kind, pos, written, exit);
    }

    /** This function, leaving as {@code newExit} says. */
    public HostFunction withExit(Exit newExit) {
        return new HostFunction(name, type, kind, pos, written, newExit);
    }

    /**
     * How a host function may leave, and so how Java calls it: a {@code longjmp} across Java frames corrupts the JVM
     * (the host's errors: {@code lua_error}, {@code luaL_check*}, PostgreSQL's {@code ereport(ERROR)}).
     */
    public enum Exit {
        /** It returns: called directly. */
        RETURNS,
        /**
         * It may leave by the host's non-local exit ({@code <protectedFunctions>}): called through a wrapper in the
         * host's guard ({@code PG_TRY}, {@code lua_pcall}), the exit turned into a {@code HostException} in Java.
         */
        PROTECTED,
        /**
         * It never returns ({@code <raisingFunctions>}: {@code lua_error}): Java's call records it and leaves Java
         * with a {@code HostError}; the glue makes the call once the Java frames have returned.
         */
        RAISES
    }


    /** How a host function is declared, and so how Java reaches it. */
    public enum Kind {
        /** An {@code extern} function: Java calls its address, which the dynamic linker resolves once. */
        FUNCTION,
        /**
         * A variable holding a function pointer (Redis modules' {@code RedisModule_ReplyWithLongLong}, set by the
         * host at load time): Java reads the variable at each call and calls what it points to.
         */
        POINTER_VARIABLE,
        /** A {@code static} or {@code static inline} function defined in the header: a C wrapper in the glue calls it. */
        STATIC,
        /** A function-like macro: a C wrapper in the glue expands it, with parameter types the probe inferred. */
        MACRO
    }

    /**
     * The C declaration as the header gives it, for Javadoc, e.g. {@code void lua_settop(lua_State *L, int idx)}, or a
     * macro's {@code #define}.
     */
    public String prototype() {
        return written.isEmpty() ? type.declare(name) : written;
    }
}
