/* The Lua module jstr_c (require "jstr_c"): digit_sum(s) in C, the baseline of the Java module ../lua/. */
#include <lua.h>

static int digit_sum(lua_State *L) {
    size_t length;
    const char *s = lua_tolstring(L, 1, &length);
    lua_Integer sum = 0;
    for (size_t i = 0; i < length; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            sum += s[i] - '0';
        }
    }
    lua_pushinteger(L, sum);
    return 1;
}

__attribute__((visibility("default"))) int luaopen_jstr_c(lua_State *L) {
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, digit_sum);
    lua_setfield(L, -2, "digit_sum");
    return 1;
}
