-- Recursive Fibonacci in Lua, timed by the program itself.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg[1]) or 30
local start = os.clock()
local result = fib(n)
local elapsed = os.clock() - start
print(string.format("checksum %d", result))
print(string.format("time %.6f", elapsed))
