-- Fannkuch-redux in Lua 5.4: the same permutation order and flip counting as
-- fannkuch.py (0-based values, 1-based table slots), same checksum line.
local function fannkuch(n)
  local perm1, perm, count = {}, {}, {}
  for i = 1, n do perm1[i] = i - 1; count[i] = 0 end
  local max_flips, checksum, perm_index = 0, 0, 0
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    if perm1[1] ~= 0 then
      for i = 1, n do perm[i] = perm1[i] end
      local flips = 0
      local k = perm[1]
      while k ~= 0 do
        local i, j = 1, k + 1
        while i < j do
          perm[i], perm[j] = perm[j], perm[i]
          i = i + 1
          j = j - 1
        end
        flips = flips + 1
        k = perm[1]
      end
      if flips > max_flips then max_flips = flips end
      if perm_index % 2 == 0 then
        checksum = checksum + flips
      else
        checksum = checksum - flips
      end
    end
    while true do
      if r == n then return checksum, max_flips end
      local first = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = first
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    perm_index = perm_index + 1
  end
end

local n = tonumber(arg[1]) or 9
local start = os.clock()
local checksum, max_flips = fannkuch(n)
local elapsed = os.clock() - start
print(string.format("checksum %d %d", checksum, max_flips))
print(string.format("time %.6f", elapsed))
