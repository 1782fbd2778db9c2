-- The seed articles' loop, in Lua, timed by the program itself.
local function countdown(n)
  while n > 0 do
    n = n - 1
  end
end

local n = tonumber(arg[1]) or 100000000
local start = os.clock()
countdown(n)
local elapsed = os.clock() - start
print(string.format("checksum %d", n))
print(string.format("time %.6f", elapsed))
