/* The Lua module jstr_java (require "jstr_java"): the benchmark's Java twin of ../../c/jstr_c.c. */
#ifndef JSTR_JAVA_H
#define JSTR_JAVA_H
#include <lua.h>

int luaopen_jstr_java(lua_State *L);
#endif
