-- wrk script for bench/load_bench.py: a practice's mixed traffic, reads and writes, each request
-- signed in as one of the seekers (round robin) or as their coach.
--
--   KEEL_SESSIONS="COOKIE:CSRF:SEARCH,..." KEEL_COACH=COOKIE wrk -t2 -c50 -d60s --latency \
--       -s bench/mixed.lua http://127.0.0.1:PORT
--
-- Of every 20 requests: 11 GET /api/stats, 2 GET /api/list, 1 GET /api/agenda, 1 GET /api/streak
-- (a seeker's own), 3 POST /api/ask (a write: 15 %), 1 GET /api/coach/clients and 1 GET
-- /api/searches/SEARCH/stats (the coach). At the end: "statuses: 200=N ...", summed over threads.
-- KEEL_READ_ONLY=1 turns the three writes into GET /api/silence, /api/forecast and /api/status:
-- a soak whose ledgers do not grow.

local cookie_name = os.getenv("KEEL_COOKIE_NAME") or "keel_session"
local coach = os.getenv("KEEL_COACH")
local read_only = (os.getenv("KEEL_READ_ONLY") or "") ~= ""
local reads_for_writes = { "/api/silence", "/api/forecast", "/api/status" }
local sessions = {}
for item in string.gmatch(os.getenv("KEEL_SESSIONS") or "", "[^,]+") do
  local cookie, csrf, search = string.match(item, "([^:]+):([^:]+):([^:]+)")
  table.insert(sessions, { cookie = cookie, csrf = csrf, search = search })
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  n = 0
end

function request()
  n = n + 1
  local s = sessions[(n + id * 7) % #sessions + 1]
  local slot = n % 20
  local headers = { ["Cookie"] = cookie_name .. "=" .. s.cookie }
  if slot < 11 then
    return wrk.format("GET", "/api/stats", headers)
  elseif slot < 13 then
    return wrk.format("GET", "/api/list?kind=chat", headers)
  elseif slot < 14 then
    return wrk.format("GET", "/api/agenda", headers)
  elseif slot < 15 then
    return wrk.format("GET", "/api/streak", headers)
  elseif slot < 18 and read_only then
    return wrk.format("GET", reads_for_writes[slot - 14], headers)
  elseif slot < 18 then
    headers["X-Keel-Token"] = s.csrf
    headers["Content-Type"] = "application/json"
    local body = string.format('{"org":"Load %d-%d","kind":"chat","on":"2026-11-20"}', id, n)
    return wrk.format("POST", "/api/ask", headers, body)
  elseif slot < 19 then
    return wrk.format("GET", "/api/coach/clients", { ["Cookie"] = cookie_name .. "=" .. coach })
  else
    return wrk.format("GET", "/api/searches/" .. s.search .. "/stats",
                      { ["Cookie"] = cookie_name .. "=" .. coach })
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for code, count in pairs(s) do
        total[code] = (total[code] or 0) + count
      end
    end
  end
  local codes = {}
  for code in pairs(total) do
    table.insert(codes, code)
  end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do
    table.insert(parts, code .. "=" .. total[code])
  end
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
