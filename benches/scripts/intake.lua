-- wrk script for the intake benchmark (benches/scripts/intake-wrk.sh): each request posts one
-- ticket to POST /api/v1/tickets for a buyer drawn in turn from a pool, with the intake token of
-- the environment variable GUICHET_BENCH_TOKEN.
--
-- Latency is measured here, per request, from the moment wrk asks for the request to the moment
-- the response is parsed. The script is meant for one connection per thread (wrk -t N -c N), so
-- each thread has at most one request in flight and the two moments belong to the same request.
-- wrk's own percentiles correct for coordinated omission, which for a closed-loop client at
-- concurrency 1 turns one slow request into many imagined ones; these are the plain figures.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clk_id, timespec_t *tp);
]]
local ts = ffi.new("timespec_t")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local token = os.getenv("GUICHET_BENCH_TOKEN") or ""
local buyers = tonumber(os.getenv("GUICHET_BENCH_BUYERS") or "1000")
local version = os.getenv("GUICHET_BENCH_VERSION") or "3.7.28"

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local started = 0
local n = 0
latencies = {}
statuses = {}

function init(args)
  n = id * 7919
end

function request()
  n = n + 1
  local body = string.format(
    '{"email":"buyer%d@example.com","name":"Buyer %d","product":"shop","version":"%s",' ..
    '"subject":"Blank invoices %d","body":"Every invoice is blank since the update to %s; ' ..
    'the PDF has the header and nothing else."}',
    n % buyers, n % buyers, version, n, version)
  started = now_us()
  return wrk.format("POST", "/api/v1/tickets", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  latencies[#latencies + 1] = now_us() - started
  statuses[status] = (statuses[status] or 0) + 1
end

-- Writes every latency (microseconds) to LAT_FILE and the status counts as JSON to stdout.
function done(summary, latency, requests)
  local out = io.open(os.getenv("GUICHET_BENCH_LAT_FILE") or "/dev/null", "w")
  local codes = {}
  for _, thread in ipairs(threads) do
    local lat = thread:get("latencies")
    for i = 1, #lat do out:write(string.format("%.1f\n", lat[i])) end
    for code, count in pairs(thread:get("statuses")) do
      codes[code] = (codes[code] or 0) + count
    end
  end
  out:close()
  local parts = {}
  for code, count in pairs(codes) do parts[#parts + 1] = string.format('"%d":%d', code, count) end
  io.write(string.format('{"statuses":{%s},"socket_errors":%d}\n', table.concat(parts, ","),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
