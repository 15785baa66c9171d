/* The module's Lua functions, implemented in Java. */
#ifndef JSTRE_LUA_H
#define JSTRE_LUA_H
#include "jstre.h"

/* fail(i): raises the Lua error "failure <i>" */
int jstre_fail(lua_State *L);
/* throw_table(code): raises the error object { code = code } with lua_error */
int jstre_throw_table(lua_State *L);
/* twice(n): 2 n; a wrong argument is luaL_checkinteger's error */
int jstre_twice(lua_State *L);
/* twice_or_zero(n): 2 n, or 0 when n is no integer (Java handles luaL_checkinteger's error) */
int jstre_twice_or_zero(lua_State *L);
#endif
