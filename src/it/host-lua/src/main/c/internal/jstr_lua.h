/* The module's Lua functions (lua_CFunction), implemented in Java: not exported, Lua gets their addresses. */
#ifndef JSTR_LUA_H
#define JSTR_LUA_H
#include "jstr.h"

/* digit_sum(s): the sum of the decimal digits in string s */
int jstr_digit_sum(lua_State *L);
/* upper(s): s in upper case; nil when s is neither a string nor a number */
int jstr_upper(lua_State *L);
/* describe(x): a table { version = LUA_VERSION_NUM, kind = type name of x, top = stack size } */
int jstr_describe(lua_State *L);
#endif
