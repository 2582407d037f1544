#!/usr/bin/env bash
# `keel serve` under wrk: /api/stats beside a static file of the same server, measured in the same
# run, on a 10k-ask and on a large (1M-ask) database. Prints a markdown table (requests/s, p50, p99,
# non-2xx, the ratio api/static) and writes it with wrk's raw output to the results folder.
#
#   bench/serve_bench.sh [--fresh] [--data DIR] [--results DIR] [--small-csv F] [--large-csv F]
#                        [--large-db F]
#
#   --data DIR       where the generated CSVs and imported databases are kept and reused by later
#                    runs (default: BUILD_DIR/serve-bench-data); a database is reused when it was
#                    made from the same bench/gen_history.py, rows, seed and today
#   --fresh          regenerate and re-import even if --data has them
#   --results DIR    where to write serve.md and the raw wrk output (default BUILD_DIR/bench-results/serve)
#   --small-csv F, --large-csv F   import these histories instead of generating them (bench/run.sh
#                    passes the ones it generated)
#   --large-db F     serve this database as the large one, as it is (it is only read)
#
# Environment:
#   KEEL_BIN           the keel binary to run (then nothing is built); otherwise KEEL_BUILD_DIR or
#                      the `bench` preset (build/bench) is built as in bench/run.sh (target keel only)
#   SERVE_BENCH_LARGE  rows of the large database (default 1000000)
#   SERVE_BENCH_DURATION   wrk's -d (default 10s); SERVE_BENCH_WARMUP (default 2s, before each run)
#   SERVE_BENCH_STATIC     the static endpoint (default /uplot.css, an embedded file)
#   SERVE_BENCH_MAX_LOAD   wait while the 1-minute load average is above this (default 1.5) ...
#   SERVE_BENCH_MAX_WAIT   ... for at most this many seconds before each run (default 180), then
#                          run anyway: the table says the load each run was measured under. The
#                          1-minute load average still counts the previous run of this script for
#                          a minute or two, so the table also has the CPUs busy in the 3 s before
#                          each run (from /proc/stat, with nothing of this benchmark running)
#
# The wrk command is the issue's: `wrk -t2 -c50 -d10s --latency URL`, on loopback, with the Host
# header wrk derives from the URL (127.0.0.1:PORT, which keel's Host check accepts).
# Targets (docs/benchmarks.md): /api/stats at 10k asks >= 5,000 requests/s with p99 < 20 ms.
#
# Beside wrk's figures the table has two checks of its own, because wrk says nothing about
# connections that never get an answer (a request still waiting when the run ends counts neither
# as a timeout nor in the latencies): how many of the 50 connections the server had answered at
# least once half-way through the run (from `ss`), and the concurrency wrk actually saw
# (requests/s x mean latency, Little's law). Also the server's CPU time per request, from
# /proc/PID/stat, which holds under load better than wall times do.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fresh=0
data=""
results=""
small_csv=""
large_csv=""
large_db=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --fresh) fresh=1 ;;
    --data) data=$2; shift ;;
    --results) results=$2; shift ;;
    --small-csv) small_csv=$2; shift ;;
    --large-csv) large_csv=$2; shift ;;
    --large-db) large_db=$2; shift ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench/serve_bench.sh: unknown argument '$1'; see --help" >&2; exit 2 ;;
  esac
  shift
done
small=10000
large=${SERVE_BENCH_LARGE:-1000000}
duration=${SERVE_BENCH_DURATION:-10s}
warmup=${SERVE_BENCH_WARMUP:-2s}
static_path=${SERVE_BENCH_STATIC:-/uplot.css}
max_load=${SERVE_BENCH_MAX_LOAD:-1.5}
max_wait=${SERVE_BENCH_MAX_WAIT:-180}
today=2026-11-26
threads=2
connections=50

for tool in wrk curl ss python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "bench/serve_bench.sh: '$tool' is missing (Debian: wrk, curl, iproute2, python3, time)" >&2
    exit 1
  }
done

# --- keel ---------------------------------------------------------------------------------------
if [[ -n "${KEEL_BIN:-}" ]]; then
  keel=$(realpath "$KEEL_BIN")
  build_dir=$(dirname "$keel")
else
  cd "$root"
  if [[ -n "${KEEL_BUILD_DIR:-}" ]]; then
    build_dir=$(realpath -m "$KEEL_BUILD_DIR")
    if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
      cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    fi
    timeout --foreground 1800 cmake --build "$build_dir" --target keel >&2
  else
    build_dir=$root/build/bench
    cmake --preset bench >/dev/null
    timeout --foreground 1800 cmake --build --preset bench --target keel >&2
  fi
  keel=$build_dir/keel
fi
[[ -x "$keel" ]] || { echo "bench/serve_bench.sh: no keel at $keel" >&2; exit 1; }
data=$(realpath -m "${data:-$build_dir/serve-bench-data}")
results=$(realpath -m "${results:-$build_dir/bench-results/serve}")
mkdir -p "$data" "$results"

export KEEL_TODAY=$today NO_COLOR=1
unset KEEL_DB
work=$(mktemp -d "${TMPDIR:-/tmp}/keel-serve-bench.XXXXXX")
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# keel's own settings (themes rules file...) from a private, empty home.
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
step() { printf '\n== %s\n' "$*" >&2; }

# --- databases (generated once, then reused) ------------------------------------------------------
gen=$root/bench/gen_history.py
gen_sum=$(sha256sum "$gen" | cut -c1-16)
# make_db NAME ROWS SEED CSV: prints the path of a database holding that history.
make_db() {
  local name=$1 rows=$2 seed=$3 csv=$4
  local db=$data/$name.db stamp
  if [[ -n "$csv" ]]; then
    stamp="csv $(realpath "$csv") $(stat -c '%s %Y' "$csv")"
  else
    stamp="gen_history.py $gen_sum --asks $rows --seed $seed --today $today"
  fi
  if [[ $fresh == 0 && -f "$db" && -f "$db.stamp" && "$(cat "$db.stamp")" == "$stamp" ]]; then
    step "reusing $db ($stamp)"
    printf '%s\n' "$db"
    return
  fi
  rm -f "$db" "$db-wal" "$db-shm" "$db.stamp"
  if [[ -z "$csv" ]]; then
    step "generating $rows asks (bench/gen_history.py --seed $seed)"
    csv=$work/$name.csv
    timeout --foreground 600 python3 "$gen" --asks "$rows" --seed "$seed" --today "$today" -o "$csv"
  fi
  step "importing $csv into $db"
  timeout --foreground 1200 "$keel" --db "$db" import "$csv" >/dev/null
  printf '%s\n' "$stamp" >"$db.stamp"
  printf '%s\n' "$db"
}
small_db=$(make_db "asks-$small" "$small" 1 "$small_csv")
if [[ -n "$large_db" ]]; then
  large_db=$(realpath "$large_db")
else
  large_db=$(make_db "asks-$large" "$large" 2 "$large_csv")
fi

# --- the load ------------------------------------------------------------------------------------
# Waits (at most max_wait s) for the 1-minute load average to fall to max_load; prints the load the
# run then starts under ("1min 5min 15min", and the seconds waited).
wait_for_load() {
  local waited=0 l1
  while :; do
    read -r l1 _ </proc/loadavg
    if python3 -c "import sys; sys.exit(0 if $l1 <= $max_load else 1)" || ((waited >= max_wait)); then
      break
    fi
    ((waited == 0)) && echo "load $l1 > $max_load: waiting up to ${max_wait}s" >&2
    sleep 10
    waited=$((waited + 10))
  done
  printf '%s %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$waited"
}
# How many CPUs the machine keeps busy over the next 3 s (nothing of this benchmark runs then):
# unlike the load average, which decays over a minute, it does not count the previous run.
cpu_busy() {
  local a b
  a=$(head -1 /proc/stat)
  sleep 3
  b=$(head -1 /proc/stat)
  python3 -c "
import os, sys
a, b = ([int(x) for x in s.split()[1:]] for s in sys.argv[1:3])
d = [y - x for x, y in zip(a, b)]
total, idle = sum(d[:8]), d[3] + d[4]
print(f'{(total - idle) / total * os.cpu_count():.2f}')" "$a" "$b"
}

# --- one server, two endpoints -------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)
summary=$work/runs.tsv
: >"$summary"

# run_wrk LABEL URL PORT: waits for the load, samples the CPUs busy, a warm-up, then the measured
# run; appends one line to $summary.
run_wrk() {
  local label=$1 url=$2 port=$3
  local out=$results/wrk_$label.txt
  local load busy
  load=$(wait_for_load)
  busy=$(cpu_busy)
  timeout --foreground 120 wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null
  local cpu0 t0
  cpu0=$(cpu_ticks "$server_pid")
  t0=$EPOCHREALTIME
  timeout --foreground 300 /usr/bin/time -f '%U %S' -o "$work/wrk_time" \
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$out" &
  local wrk_pid=$!
  # Half-way: how many of the server's connections have sent at least one response.
  local half
  half=$(python3 -c "import re; s='$duration'; v=float(re.sub('[a-z]','',s)); m={'s':1,'m':60,'h':3600}.get(s[-1],1); print(v*m/2)")
  sleep "$half"
  ss -tnHi state established "( sport = :$port )" >"$work/ss.txt" || true
  # One line per socket, then its details (bytes_sent only once it has sent something).
  local answered total
  total=$(grep -cE '^[0-9]' "$work/ss.txt" || true)
  answered=$({ grep -oE 'bytes_sent:[0-9]+' "$work/ss.txt" || true; } | awk -F: '$2 > 0' | wc -l)
  wait "$wrk_pid"
  local cpu1 t1
  cpu1=$(cpu_ticks "$server_pid")
  t1=$EPOCHREALTIME
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$load" "$busy" "$answered" "$total" \
    "$((cpu1 - cpu0))" "$hz" "$(cat "$work/wrk_time")" "$t0" "$t1" >>"$summary"
  cat "$out" >&2
}

# bench_db NAME DB: starts keel serve on DB, runs wrk on /api/stats and on the static file.
bench_db() {
  local name=$1 db=$2
  step "keel serve on $db: /api/stats and $static_path"
  "$keel" --db "$db" --today "$today" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  local port=""
  for _ in $(seq 100); do
    port=$(sed -n '1s|^keel is running at http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$work/serve.out")
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z "$port" ]]; then
    echo "bench/serve_bench.sh: keel serve did not start:" >&2
    cat "$work/serve.err" >&2
    exit 1
  fi
  local base=http://127.0.0.1:$port
  # The API answers what the CLI prints (docs/api.md); check it once before timing.
  curl -sf "$base/api/stats" >"$work/api.json"
  "$keel" --db "$db" --today "$today" stats --json >"$work/cli.json"
  if ! cmp -s "$work/api.json" "$work/cli.json"; then
    echo "bench/serve_bench.sh: warning: /api/stats differs from 'keel stats --json'" >&2
  fi
  curl -sf -o "$work/static" "$base$static_path"
  printf '%s\t%s\t%s\t%s\n' "$name" "$(stat -c %s "$work/api.json")" \
    "$(stat -c %s "$work/static")" "$(cmp -s "$work/api.json" "$work/cli.json" && echo yes || echo no)" \
    >>"$work/sizes.tsv"
  run_wrk "${name}_api" "$base/api/stats" "$port"
  run_wrk "${name}_static" "$base$static_path" "$port"
  stop_server
}

: >"$work/sizes.tsv"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
# The table names each database by the asks it holds (--large-db may be any size).
asks_in() {
  "$keel" --db "$1" status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["asks"])'
}
bench_db "$(asks_in "$small_db")" "$small_db"
bench_db "$(asks_in "$large_db")" "$large_db"

# --- the table -----------------------------------------------------------------------------------
python3 - "$summary" "$results" "$work/sizes.tsv" "$started" "$static_path" "$connections" \
  "$duration" "$keel" <<'EOF' | tee "$results/serve.md"
import re, sys

summary, results, sizes_file, started, static_path, conns, duration, keel = sys.argv[1:9]
conns = int(conns)
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}

def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNIT[m.group(2)]

def parse(path):
    t = open(path).read()
    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)),
         "requests": int(re.search(r"(\d+) requests in", t).group(1)),
         "avg": ms(re.search(r"Latency\s+(\S+)", t).group(1)),
         "p50": ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1)),
         "p99": ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1)),
         "max": ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", t).group(1))}
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    r["errors"] = sum(map(int, m.groups())) if m else 0
    return r

rows = {}
for line in open(summary):
    label, load, busy, answered, total, ticks, hz, wrk_time, t0, t1 = line.rstrip("\n").split("\t")
    wu, ws = wrk_time.split()
    r = parse(f"{results}/wrk_{label}.txt")
    l1, l5, l15, waited = load.split()
    r.update(load=l1, load3=f"{l1}, {l5}, {l15}", waited=int(waited), busy=busy,
             answered=int(answered),
             total=int(total), cpu_us=int(ticks) / int(hz) * 1e6 / max(1, r["requests"]),
             wrk_cpu=(float(wu) + float(ws)) / (float(t1) - float(t0)))
    r["concurrency"] = r["rps"] * r["avg"] / 1e3
    rows[label] = r
sizes = {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(sizes_file)}

def fmt_ms(v):
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:,.0f}"

print(f"### keel serve under wrk ({started})\n")
print(f"`wrk -t2 -c{conns} -d{duration} --latency`, loopback; static = `{static_path}`; keel: `{keel}`\n")
print("| database | endpoint | requests/s | p50 (ms) | p99 (ms) | max (ms) | non-2xx | socket errors "
      "| connections answered (mid-run, of established) | concurrency seen | server CPU / request (µs) | load (1 min) "
      "| CPUs busy before |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, r in rows.items():
    db, kind = label.rsplit("_", 1)
    endpoint = "`/api/stats`" if kind == "api" else f"`{static_path}`"
    print(f"| {int(db):,} asks | {endpoint} | {r['rps']:,.0f} | {fmt_ms(r['p50'])} | {fmt_ms(r['p99'])} "
          f"| {fmt_ms(r['max'])} | {r['non2xx']} | {r['errors']} | {r['answered']} of {r['total']} "
          f"| {r['concurrency']:.1f} | {r['cpu_us']:,.0f} | {r['load']} | {r['busy']} |")
print()
for db in dict.fromkeys(l.rsplit("_", 1)[0] for l in rows):
    a, s = rows[f"{db}_api"], rows[f"{db}_static"]
    api_bytes, static_bytes, same = sizes[db]
    print(f"- {int(db):,} asks: api/static = **{a['rps'] / s['rps']:.3f}** in requests/s "
          f"({a['rps']:,.0f} / {s['rps']:,.0f}), p99 {fmt_ms(a['p99'])} vs {fmt_ms(s['p99'])} ms; "
          f"server CPU per request {a['cpu_us']:,.0f} vs {s['cpu_us']:,.0f} µs; bodies {api_bytes} "
          f"and {static_bytes} bytes; /api/stats same bytes as `keel stats --json`: {same}; "
          f"load before the runs {a['load3']} (waited {a['waited']} s) and {s['load3']} "
          f"(waited {s['waited']} s), CPUs busy in the 3 s before {a['busy']} and {s['busy']}; "
          f"wrk itself used {a['wrk_cpu']:.2f} and {s['wrk_cpu']:.2f} CPUs")
a = next((r for label, r in rows.items() if label.endswith("_api")), None)  # the 10k one
if a:
    ok_rps, ok_p99 = a["rps"] >= 5000, a["p99"] < 20
    print(f"- target at 10k asks (>= 5,000 requests/s, p99 < 20 ms) for `/api/stats`: requests/s "
          f"{'met' if ok_rps else '**missed**'} ({a['rps']:,.0f}), p99 "
          f"{'met' if ok_p99 else '**missed**'} ({fmt_ms(a['p99'])} ms)"
          + ("" if a["answered"] >= conns else
             f"; but only {a['answered']} of {conns} connections were answered: wrk's figures "
             f"cover those only"))
EOF
echo "results: $results/serve.md (raw: $results/wrk_*.txt)" >&2
