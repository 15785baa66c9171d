-- Run by the real lua5.4 interpreter with package.cpath at target/: Lua loads jstr.so and calls Java.
local jstr = require "jstr"
assert(jstr.digit_sum("12345") == 15, "digit_sum")
assert(jstr.digit_sum("a1b2c3") == 6)
assert(jstr.digit_sum("") == 0)
assert(jstr.upper("hello, Lua") == "HELLO, LUA", "upper")
assert(jstr.upper(42) == "42")
assert(jstr.upper({}) == nil)
local d = jstr.describe("x")
assert(d.version == 504, "LUA_VERSION_NUM is " .. tostring(d.version))
assert(d.kind == "string (a string)", d.kind)
assert(d.top == 1)
assert(jstr.describe(42).kind == "number")
local total = 0
for i = 1, 100000 do total = total + jstr.digit_sum(tostring(i)) end
assert(total == 2250001, "100000 calls: " .. total)
print("jstr ok: " .. jstr.upper("done") .. " " .. total)
