-- wrk script for bench/roster_bench.py: one signed-in request, and a count of the answers by status.
--
--   KEEL_COOKIE=SESSION wrk -t2 -c50 -d30s --latency -s bench/roster.lua http://127.0.0.1:PORT/api/coach/clients
--   KEEL_BODY='{"email":"...","password":"..."}' wrk ... -s bench/roster.lua http://127.0.0.1:PORT/api/login
--
-- KEEL_COOKIE      the session id, sent as the Cookie KEEL_COOKIE_NAME (default keel_session)
-- KEEL_BODY        when set, the request is a POST of this JSON body (POST /api/login needs no
--                  session and no token; a POST without an Origin header passes the origin check)
--
-- At the end it prints one line, "statuses: 200=N 429=M ...", every status seen and how often
-- (wrk itself only counts "Non-2xx or 3xx responses"), summed over wrk's threads.

local cookie = os.getenv("KEEL_COOKIE")
local cookie_name = os.getenv("KEEL_COOKIE_NAME") or "keel_session"
local body = os.getenv("KEEL_BODY")

if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie_name .. "=" .. cookie
end
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for code, n in pairs(s) do
        total[code] = (total[code] or 0) + n
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
