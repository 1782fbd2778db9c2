-- N-body in Lua 5.4: the same bodies, the same operations in the same order
-- as nbody.py, so the checksum line (energy before and after) is identical.
local sqrt = math.sqrt

local PI = 3.141592653589793
local SOLAR_MASS = 4.0 * PI * PI
local DAYS_PER_YEAR = 365.24

local function make_bodies()
  local raw = {
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
     9.54791938424326609e-04},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
     2.85885980666130812e-04},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
     4.36624404335156298e-05},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
     5.15138902046611451e-05},
  }
  local bodies = {}
  for i, r in ipairs(raw) do
    if i == 1 then
      bodies[i] = {r[1], r[2], r[3], r[4], r[5], r[6], r[7] * SOLAR_MASS}
    else
      bodies[i] = {r[1], r[2], r[3], r[4] * DAYS_PER_YEAR, r[5] * DAYS_PER_YEAR,
                   r[6] * DAYS_PER_YEAR, r[7] * SOLAR_MASS}
    end
  end
  return bodies
end

local function offset_momentum(bodies)
  local px, py, pz = 0.0, 0.0, 0.0
  for _, b in ipairs(bodies) do
    local m = b[7]
    px = px + b[4] * m
    py = py + b[5] * m
    pz = pz + b[6] * m
  end
  local sun = bodies[1]
  sun[4] = -px / SOLAR_MASS
  sun[5] = -py / SOLAR_MASS
  sun[6] = -pz / SOLAR_MASS
end

local function energy(bodies, pairs)
  local e = 0.0
  for _, b in ipairs(bodies) do
    e = e + 0.5 * b[7] * (b[4] * b[4] + b[5] * b[5] + b[6] * b[6])
  end
  for _, p in ipairs(pairs) do
    local b1, b2 = p[1], p[2]
    local dx = b1[1] - b2[1]
    local dy = b1[2] - b2[2]
    local dz = b1[3] - b2[3]
    e = e - (b1[7] * b2[7]) / sqrt(dx * dx + dy * dy + dz * dz)
  end
  return e
end

local function advance(bodies, pairs, dt, steps)
  local np, nb = #pairs, #bodies
  for _ = 1, steps do
    for k = 1, np do
      local p = pairs[k]
      local b1, b2 = p[1], p[2]
      local dx = b1[1] - b2[1]
      local dy = b1[2] - b2[2]
      local dz = b1[3] - b2[3]
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      local m1 = b1[7] * mag
      local m2 = b2[7] * mag
      b1[4] = b1[4] - dx * m2
      b1[5] = b1[5] - dy * m2
      b1[6] = b1[6] - dz * m2
      b2[4] = b2[4] + dx * m1
      b2[5] = b2[5] + dy * m1
      b2[6] = b2[6] + dz * m1
    end
    for k = 1, nb do
      local b = bodies[k]
      b[1] = b[1] + dt * b[4]
      b[2] = b[2] + dt * b[5]
      b[3] = b[3] + dt * b[6]
    end
  end
end

local n = tonumber(arg[1]) or 200000
local start = os.clock()
local bodies = make_bodies()
local pairs = {}
for i = 1, #bodies do
  for j = i + 1, #bodies do
    pairs[#pairs + 1] = {bodies[i], bodies[j]}
  end
end
offset_momentum(bodies)
local e0 = energy(bodies, pairs)
advance(bodies, pairs, 0.01, n)
local e1 = energy(bodies, pairs)
local elapsed = os.clock() - start
print(string.format("checksum %.9f %.9f", e0, e1))
print(string.format("time %.6f", elapsed))
