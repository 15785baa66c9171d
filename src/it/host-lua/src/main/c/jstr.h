/* The Lua module jstr: what Lua calls. Lua's own headers, as installed, give the host's API. */
#ifndef JSTR_H
#define JSTR_H
#include <lua.h>
#include <lauxlib.h>

/* require "jstr" calls it: pushes the module table */
int luaopen_jstr(lua_State *L);
#endif
