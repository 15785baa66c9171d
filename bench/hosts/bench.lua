-- lua5.4 bench.lua MODULE N: require MODULE (jstr_c or jstr_java), then a loop of N calls digit_sum(tostring(i)),
-- twice; prints "key value" lines for measure.py. package.cpath must find MODULE and benchclock.
local clock = require "benchclock"
local name, n = arg[1], tonumber(arg[2])
local w0 = clock.wall()
local m = require(name)
assert(m.digit_sum("a1b2c3") == 6)
print(string.format("lua_require_ms %.3f", (clock.wall() - w0) * 1e3))
local expected = 0
for i = 1, n do
  for d in tostring(i):gmatch("%d") do expected = expected + tonumber(d) end
end
for round, suffix in ipairs({"", "2"}) do
  local w1, c1 = clock.wall(), clock.cpu()
  local total = 0
  for i = 1, n do
    total = total + m.digit_sum(tostring(i))
  end
  local w2, c2 = clock.wall(), clock.cpu()
  assert(total == expected, "digit_sum total " .. total .. ", expected " .. expected)
  print(string.format("lua_loop%s_s %.6f", suffix, w2 - w1))
  print(string.format("lua_loop%s_cpu_s %.6f", suffix, c2 - c1))
  print(string.format("lua_percall%s_ns %.2f", suffix, (w2 - w1) / n * 1e9))
end
