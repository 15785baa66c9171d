/* The module's Lua function, implemented in Java; Lua gets its address. */
#ifndef JSTR_JAVA_LUA_H
#define JSTR_JAVA_LUA_H
#include "jstr_java.h"

/* digit_sum(s): the sum of the decimal digits in string s */
int jstr_java_digit_sum(lua_State *L);
#endif
