/* require "benchclock": wall() and cpu() in seconds (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID: all the process's
 * threads, so a JVM's compiler and GC threads count), for bench.lua to time its loop. */
#include <lua.h>
#include <time.h>

static int clock_of(lua_State *L, clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    lua_pushnumber(L, (lua_Number) t.tv_sec + (lua_Number) t.tv_nsec / 1e9);
    return 1;
}

static int wall(lua_State *L) { return clock_of(L, CLOCK_MONOTONIC); }
static int cpu(lua_State *L) { return clock_of(L, CLOCK_PROCESS_CPUTIME_ID); }

__attribute__((visibility("default"))) int luaopen_benchclock(lua_State *L) {
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, wall);
    lua_setfield(L, -2, "wall");
    lua_pushcfunction(L, cpu);
    lua_setfield(L, -2, "cpu");
    return 1;
}
