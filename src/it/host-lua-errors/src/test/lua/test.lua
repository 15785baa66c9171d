-- Run by lua5.4: LIB is the module's path, N the number of calls.
local jstre = assert(package.loadlib(LIB, "luaopen_jstre"))()
local caught = 0
for i = 1, N do
  local ok, msg = pcall(jstre.fail, i)
  if not ok and msg == "failure " .. i then caught = caught + 1 end
end
assert(caught == N, "raised from Java and caught by pcall: " .. caught .. " of " .. N)
local ok, obj = pcall(jstre.throw_table, 7)
assert(not ok and type(obj) == "table" and obj.code == 7, "lua_error's error object: " .. tostring(obj))
local ok2, msg2 = pcall(jstre.twice, "x")
assert(not ok2 and tostring(msg2):find("number expected"), "luaL_checkinteger's error: " .. tostring(msg2))
assert(jstre.twice(21) == 42)
assert(jstre.twice_or_zero("x") == 0 and jstre.twice_or_zero(5) == 10, "a Lua error handled in Java")
local sum = 0
for i = 1, N do sum = sum + jstre.twice(i) end
assert(sum == N * (N + 1), "ordinary calls after the errors: " .. sum)
collectgarbage()
print("jstre ok: " .. caught .. " errors, then " .. N .. " calls")
