/* The Lua module jstre: Lua errors raised from Java. */
#ifndef JSTRE_H
#define JSTRE_H
#include <lua.h>
#include <lauxlib.h>

int luaopen_jstre(lua_State *L);
#endif
