#ifndef JSTR_H
#define JSTR_H
#include <lua.h>
#include <lauxlib.h>
int luaopen_jstr(lua_State *L);
#endif
