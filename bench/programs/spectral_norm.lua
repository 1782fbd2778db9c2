-- Spectral norm in Lua 5.4: the same matrix, loops and operation order as
-- spectral_norm.py, so the checksum line is identical.
local function eval_a(i, j)
  local s = i + j
  return 1.0 / (s * (s + 1) // 2 + i + 1)
end

local function mul_av(v, n)
  local out = {}
  for i = 0, n - 1 do
    local acc = 0.0
    for j = 0, n - 1 do
      acc = acc + eval_a(i, j) * v[j + 1]
    end
    out[i + 1] = acc
  end
  return out
end

local function mul_atv(v, n)
  local out = {}
  for i = 0, n - 1 do
    local acc = 0.0
    for j = 0, n - 1 do
      acc = acc + eval_a(j, i) * v[j + 1]
    end
    out[i + 1] = acc
  end
  return out
end

local function mul_atav(v, n)
  return mul_atv(mul_av(v, n), n)
end

local function spectral_norm(n)
  local u = {}
  for i = 1, n do u[i] = 1.0 end
  local v = u
  for _ = 1, 10 do
    v = mul_atav(u, n)
    u = mul_atav(v, n)
  end
  local vbv, vv = 0.0, 0.0
  for i = 1, n do
    vbv = vbv + u[i] * v[i]
    vv = vv + v[i] * v[i]
  end
  return math.sqrt(vbv / vv)
end

local n = tonumber(arg[1]) or 400
local start = os.clock()
local result = spectral_norm(n)
local elapsed = os.clock() - start
print(string.format("checksum %.9f", result))
print(string.format("time %.6f", elapsed))
