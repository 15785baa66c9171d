/*
 * jembed's guard for Lua 5.x (<hostGuard>lua</hostGuard>): Lua catches errors only in lua_pcall, so a protected call
 * runs as a C closure under lua_pcall, on a copy of the calling function's stack (the same indexes: luaL_check*(L, n)
 * sees the same arguments); a caught error object is kept in the registry until Java handles it or the glue raises it
 * again with lua_error. A raise with a message is luaL_error(L, "%s", message). context is the lua_State.
 */
#ifndef JEMBED_GUARD_LUA_H
#define JEMBED_GUARD_LUA_H
#include <lua.h>
#include <lauxlib.h>

#define JEMBED_GUARD_LUA 1
#define JEMBED_GUARD_RERAISE(context, data) \
    (lua_rawgeti((lua_State *)(context), LUA_REGISTRYINDEX, (int)(intptr_t)(data)), \
     luaL_unref((lua_State *)(context), LUA_REGISTRYINDEX, (int)(intptr_t)(data)), lua_error((lua_State *)(context)))
#define JEMBED_GUARD_DISCARD(context, data) \
    luaL_unref((lua_State *)(context), LUA_REGISTRYINDEX, (int)(intptr_t)(data))
#define JEMBED_GUARD_RAISE(context, message) luaL_error((lua_State *)(context), "%s", (message))
#endif
