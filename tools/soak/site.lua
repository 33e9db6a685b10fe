-- The public site's readers for wrk, at a constant rate (ops/soak): wrk alone sends each next
-- request as soon as the last answer came (a closed loop, as fast as the server goes); here each
-- wrk thread hands its requests out on a schedule of SOAK_SITE_RPS / threads a second, whatever the
-- connections, so the rate holds while the server keeps up, and a slow answer delays no later
-- request (when the schedule is behind, the next request goes at once, catching up).
-- The pages: SOAK_SITE_PATHS (space-separated), taken in turn. The browser's Accept-Encoding.
-- At the end one line of JSON: requests, answers by status class, socket errors, latency.
local ffi = require("ffi")
ffi.cdef [[
struct soak_timeval { long tv_sec; long tv_usec; };
int gettimeofday(struct soak_timeval *tv, void *tz);
]]
local tv = ffi.new("struct soak_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("index", count)
  table.insert(threads, thread)
end

local paths, interval, next_at, turn
s2, s3, s4, s5 = 0, 0, 0, 0

function init(args)
  paths = {}
  for p in string.gmatch(os.getenv("SOAK_SITE_PATHS") or "/", "%S+") do
    table.insert(paths, p)
  end
  local rps = tonumber(os.getenv("SOAK_SITE_RPS") or "200")
  local nthreads = tonumber(os.getenv("SOAK_SITE_THREADS") or "1")
  interval = 1000 * nthreads / rps
  -- the threads' schedules interleave rather than fire together
  next_at = now_ms() + interval * ((index or 1) - 1) / nthreads
  turn = (index or 1) - 1
end

function delay()
  local now = now_ms()
  local wait = next_at - now
  next_at = next_at + interval
  if wait < 0 then
    return 0
  end
  return math.floor(wait)
end

function request()
  turn = turn + 1
  local path = paths[(turn % #paths) + 1]
  return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip, deflate, br" })
end

function response(status, headers, body)
  if status >= 500 then
    s5 = s5 + 1
  elseif status >= 400 then
    s4 = s4 + 1
  elseif status >= 300 then
    s3 = s3 + 1
  else
    s2 = s2 + 1
  end
end

function done(summary, latency, requests)
  local t = { s2 = 0, s3 = 0, s4 = 0, s5 = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + (thread:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, t.s2, t.s3, t.s4, t.s5,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
