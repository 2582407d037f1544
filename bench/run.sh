#!/usr/bin/env bash
# keel's benchmark (`make bench`): keel and Taskwarrior 2.6 side by side on the same machine, in one
# run; keel's report commands against sqlite3 and R on the same 1M-ask database; keel's import
# throughput and the in-process micro-benchmarks. Prints a markdown summary and writes it, with
# every raw measurement, to BUILD_DIR/bench-results/.
#
#   bench/run.sh [--quick] [--profile]
#
#   --quick    a smoke run: fewer timing runs, 100k rows instead of 1M (about two minutes)
#   --profile  also count instructions of one `keel status`, `keel ask`, `keel stats` and
#              `keel silence` (10k asks) with callgrind
#
# Environment:
#   KEEL_BUILD_DIR    build tree to use (configured Release with the benchmarks if it has no cache);
#                     default: the `bench` preset, build/bench
#   BENCH_RUNS        timing runs per command at 10k asks (default 30; --quick 10), after 3 warm-ups
#   BENCH_LARGE       rows of the large database (default 1000000; --quick 100000)
#   BENCH_LARGE_RUNS  timing runs per command on the large database (default 5; --quick 3), after
#                     1 warm-up
#
# Targets (docs/benchmarks.md): `keel ask`, `keel status` and every report command (`status`, `list`,
# `stats`, `stats --by kind`, `streak`, `forecast`, `silence`, with --json) on a 10k-ask ledger
# within 10 ms of wall time each, process start to exit; `keel import` at 300k rows/s or more (beside
# the sqlite3 shell's .import of the same CSV into a plain table); at
# 1M asks, `keel stats --json` 10x faster than the same GROUP BY in the sqlite3 shell and
# `keel silence --json` 10x faster than R's survfit on the same reply times.
#
# Everything runs in a temporary folder that is removed at exit; nothing outside it and the build
# tree is touched. Every step has a time limit, so the script always ends.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=0
profile=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --profile) profile=1 ;;
    -h | --help) sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$arg'; see --help" >&2; exit 2 ;;
  esac
done
runs=${BENCH_RUNS:-$((quick ? 10 : 30))}
large=${BENCH_LARGE:-$((quick ? 100000 : 1000000))}
large_runs=${BENCH_LARGE_RUNS:-$((quick ? 3 : 5))}
small=10000
import_runs=3
today=2026-11-26

for tool in hyperfine task python3 cmake sqlite3 Rscript; do
  command -v "$tool" >/dev/null || {
    echo "bench/run.sh: '$tool' is missing; run scripts/deps --bench" >&2
    exit 1
  }
done
Rscript -e 'suppressPackageStartupMessages(library(survival))' >/dev/null 2>&1 || {
  echo "bench/run.sh: R's survival package is missing; run scripts/deps --bench" >&2
  exit 1
}

# --- build --------------------------------------------------------------------------------------
cd "$root"
if [[ -n "${KEEL_BUILD_DIR:-}" ]]; then
  build_dir=$(realpath -m "$KEEL_BUILD_DIR")
  if [[ -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build_dir" -DKEEL_BUILD_BENCH=ON >/dev/null
  else
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKEEL_BUILD_BENCH=ON \
      >/dev/null
  fi
  timeout --foreground 1800 cmake --build "$build_dir" --target keel keel_micro_bench >&2
else
  build_dir=$root/build/bench
  cmake --preset bench >/dev/null
  timeout --foreground 1800 cmake --build --preset bench --target keel keel_micro_bench >&2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
if [[ "$build_type" != Release ]]; then
  echo "bench/run.sh: warning: $build_dir is a '$build_type' build, not Release" >&2
fi
keel=$build_dir/keel
micro=$build_dir/bench/keel_micro_bench
results=$build_dir/bench-results
rm -rf "$results"
mkdir -p "$results"

# --- a private, temporary world -----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/keel-bench.XXXXXX")
load_pid=""
cleanup() {
  if [[ -n "$load_pid" ]]; then kill "$load_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export KEEL_TODAY=$today NO_COLOR=1
unset KEEL_DB
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
export TASKRC=$work/taskrc TASKDATA=$work/task
mkdir -p "$TASKDATA"
# Taskwarrior as people run it, minus what would make it wait or talk: no confirmations, no
# messages, no hooks; garbage collection stays on (the default).
cat >"$TASKRC" <<EOF
data.location=$TASKDATA
confirmation=off
verbose=nothing
hooks=off
gc=on
color=off
news.version=$(task --version)
EOF

# Time limits use `timeout --foreground`, so that Ctrl-C still reaches the command being timed.
step() { printf '\n== %s\n' "$*" >&2; }
q() { printf '%q' "$1"; }  # quotes a word for hyperfine's command line (parsed like a shell's)
# hyperfine without a shell in between; its JSON goes to results/NAME.json.
bench() {
  local name=$1
  shift
  timeout --foreground 900 hyperfine --shell=none --style=basic --export-json "$results/$name.json" "$@" >&2
}

read -r load_before _ </proc/loadavg
# The machine may be shared: sample the load average every 5 s for the whole run (the summary
# reports its range), from a background loop that cleanup() ends.
( while :; do printf '%s %s\n' "$EPOCHSECONDS" "$(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5; done ) \
  >"$results/loadavg.txt" &
load_pid=$!

# --- data ---------------------------------------------------------------------------------------
step "generating $small and $large asks (bench/gen_history.py)"
gen=$root/bench/gen_history.py
timeout --foreground 300 python3 "$gen" --asks "$small" --seed 1 --today "$today" -o "$work/small.csv"
timeout --foreground 300 python3 "$gen" --asks "$small" --seed 1 --today "$today" --format taskwarrior \
  -o "$work/small.json"
start=$EPOCHREALTIME
timeout --foreground 300 python3 "$gen" --asks "$large" --seed 2 --today "$today" -o "$work/large.csv"
gen_seconds=$(python3 -c "print(round($EPOCHREALTIME - $start, 2))")

# --- commands at 10k asks -----------------------------------------------------------------------
db=$work/keel.db
K="$(q "$keel") --db $(q "$db")"
step "keel: importing $small asks into a fresh database"
timeout --foreground 300 "$keel" --db "$db" import "$work/small.csv" >&2
# An organization the history already has (its most frequent one): the usual `keel ask`.
known_org=$(python3 -c '
import collections, csv, sys
c = collections.Counter(r["org"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print(c.most_common(1)[0][0])' "$work/small.csv")
new_org="Quixotic Zephyr Works"  # no generated name is near it

step "Taskwarrior: importing $small pending tasks"
timeout --foreground 600 task import "$work/small.json" >/dev/null
task_count=$(task count)
[[ "$task_count" == "$small" ]] || { echo "task count is $task_count, not $small" >&2; exit 1; }

w=(--warmup 3 --runs "$runs")
step "process floor: --version"
bench keel_version "${w[@]}" -n "keel --version" "$(q "$keel") --version"
bench task_version "${w[@]}" -n "task --version" "task --version"

step "status at $small asks"
bench keel_status "${w[@]}" -n "keel status" "$K status"
bench task_count "${w[@]}" -n "task count" "task count"

# Every report command, as a script or an editor plugin would call it, on the imported ledger
# (before the asks below add to it). Output goes to /dev/null (hyperfine's default); its size is
# kept in keel_reports_meta.json.
step "report commands at $small asks (--json)"
# `list` shows a page (the newest 50); `list --all` is every ask, for reference (no target).
reports=(status list stats "stats --by kind" streak forecast silence "list --all")
printf '{' >"$results/keel_reports_meta.json"
sep=""
for report in "${reports[@]}"; do
  name=keel_report_$(tr -c 'a-z\n' _ <<<"${report/--by /}")
  bench "$name" "${w[@]}" -n "keel $report --json" "$K --today $today $report --json"
  # shellcheck disable=SC2086  # $report is several words on purpose
  bytes=$("$keel" --db "$db" --today "$today" $report --json | wc -c)
  printf '%s"%s": {"command": "keel %s --json", "json_bytes": %s}' "$sep" "$name" "$report" \
    "$bytes" >>"$results/keel_reports_meta.json"
  sep=", "
done
printf '}\n' >>"$results/keel_reports_meta.json"

# Each run records one more ask (33 in all), like the person using it.
step "ask (known organization) / task add"
bench keel_ask_known "${w[@]}" -n "keel ask (known org)" \
  "$K ask $(q "$known_org") --kind application --channel job-board --role 'Data Analyst' --material resume@v4"
bench task_add "${w[@]}" -n "task add" \
  "task add 'application: $new_org (Data Analyst)' project:search.application +job-board"

# A new organization is compared with every existing one (near-miss check). `keel undo` before
# each run takes the previous run's ask back, so every run creates the organization afresh on a
# ledger of the same size.
step "ask (new organization, undone between runs)"
bench keel_ask_new "${w[@]}" -n "keel ask (new org)" --prepare "$K undo" \
  "$K ask $(q "$new_org") --kind application --channel job-board --role 'Data Analyst' --material resume@v4"
"$keel" --db "$db" status --json >"$results/keel_status_after.json"

# --- import throughput --------------------------------------------------------------------------
rss=()
# Peak memory of the import, when GNU time is there (it adds about a millisecond per run).
if [[ -x /usr/bin/time ]]; then rss=(/usr/bin/time -f %M -o "$(q "$work/rss.txt")"); fi
for size in small large; do
  rows=$([[ $size == small ]] && echo "$small" || echo "$large")
  step "keel import of $rows rows into a fresh database, $import_runs runs"
  idb=$work/import.db
  bench "keel_import_$size" --runs "$import_runs" -n "keel import $rows" \
    --prepare "rm -f $(q "$idb") $(q "$idb-wal") $(q "$idb-shm")" \
    "${rss[*]} $(q "$keel") --db $(q "$idb") import $(q "$work/$size.csv")"
  imported=$("$keel" --db "$idb" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["asks"])')
  [[ "$imported" == "$rows" ]] || { echo "imported $imported asks, not $rows" >&2; exit 1; }
  rss_kb=$([[ -f $work/rss.txt ]] && tail -1 "$work/rss.txt" || echo 0)
  # The floor: the sqlite3 shell's .import of the same CSV into a plain table (no index, no
  # validation, every field text), into a fresh file, in the same minutes.
  pdb=$work/peer_import.db
  bench "sqlite_import_$size" --runs "$import_runs" -n "sqlite3 .import $rows" \
    --prepare "rm -f $(q "$pdb")" \
    "sqlite3 $(q "$pdb") '.mode csv' $(q ".import $work/$size.csv plain")"
  # The database as the import leaves it: the file and its WAL (keel keeps the WAL between
  # commands; SQLite copies it into the file at its automatic checkpoints).
  wal_bytes=$(stat -c %s "$idb-wal" 2>/dev/null || echo 0)
  printf '{"rows": %s, "csv_bytes": %s, "db_bytes": %s, "wal_bytes": %s, "max_rss_kb": %s}\n' \
    "$rows" "$(stat -c %s "$work/$size.csv")" "$(stat -c %s "$idb")" "$wal_bytes" "$rss_kb" \
    >"$results/keel_import_${size}_meta.json"
  rm -f "$work/rss.txt"
  if [[ $size == large ]]; then
    bench keel_status_large --warmup 1 --runs "$large_runs" -n "keel status ($rows asks)" \
      "$(q "$keel") --db $(q "$idb") status"
  fi
done

# --- reports on the large database against sqlite3 and R -----------------------------------------
# The database the last large import left, as a person would have it after importing (its WAL
# included). The peers read the same file: the sqlite3 shell with -readonly, so that it never
# checkpoints or deletes the WAL when it exits and every run sees the same file.
ldb=$work/import.db
L="$(q "$keel") --db $(q "$ldb") --today $today"
wl=(--warmup 1 --runs "$large_runs")
ls -l "$ldb" "$ldb-wal" >"$results/large_files.txt" 2>&1 || true

step "keel stats vs the same GROUP BY in sqlite3, $large asks"
"$keel" --db "$ldb" --today "$today" stats --json >"$work/keel_stats.json"
"$keel" --db "$ldb" --today "$today" stats --by kind --json >"$work/keel_stats_kind.json"
# The horizon keel learned from this database, so that the SQL counts the same asks as silent.
horizon=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["horizon"]["days"])' \
  "$work/keel_stats.json")
sq=(sqlite3 -readonly -csv -header -cmd ".parameter set @today \"'$today'\""
  -cmd ".parameter set @horizon $horizon")
SQ="sqlite3 -readonly -csv -header -cmd $(q ".parameter set @today \"'$today'\"")"
SQ+=" -cmd $(q ".parameter set @horizon $horizon") $(q "$ldb")"
timeout --foreground 300 "${sq[@]}" "$ldb" ".read $root/bench/stats_overall.sql" >"$work/sqlite_stats.csv"
timeout --foreground 300 "${sq[@]}" "$ldb" ".read $root/bench/stats_by_kind.sql" \
  >"$work/sqlite_stats_kind.csv"
cmp_status=0
python3 "$root/bench/compare_peers.py" stats "$work/keel_stats.json" "$work/sqlite_stats.csv" \
  >"$results/same_stats.json" || cmp_status=1
python3 "$root/bench/compare_peers.py" stats "$work/keel_stats_kind.json" \
  "$work/sqlite_stats_kind.csv" >"$results/same_stats_kind.json" || cmp_status=1
bench sqlite_open_large "${wl[@]}" -n "sqlite3 open + trivial query ($large asks)" \
  "$SQ $(q "SELECT count(*) FROM searches")"
bench keel_stats_large "${wl[@]}" -n "keel stats --json ($large asks)" "$L stats --json"
bench sqlite_stats_large "${wl[@]}" -n "sqlite3 bench/stats_overall.sql ($large asks)" \
  "$SQ $(q ".read $root/bench/stats_overall.sql")"
bench keel_stats_kind_large "${wl[@]}" -n "keel stats --by kind --json ($large asks)" \
  "$L stats --by kind --json"
bench sqlite_stats_kind_large "${wl[@]}" -n "sqlite3 bench/stats_by_kind.sql ($large asks)" \
  "$SQ $(q ".read $root/bench/stats_by_kind.sql")"

step "keel silence vs R survfit on the same reply times, $large asks"
start=$EPOCHREALTIME
timeout --foreground 300 sqlite3 -readonly -csv -header -cmd ".parameter set @today \"'$today'\"" \
  "$ldb" ".read $root/bench/reply_times.sql" >"$work/reply_times.csv"
export_seconds=$(python3 -c "print(round($EPOCHREALTIME - $start, 2))")
timeout --foreground 300 Rscript "$root/bench/survfit.R" "$work/reply_times.csv" >"$work/survfit.csv"
timeout --foreground 300 "$keel" --db "$ldb" --today "$today" silence --json >"$work/keel_silence.json"
python3 "$root/bench/compare_peers.py" silence "$work/keel_silence.json" "$work/survfit.csv" \
  >"$results/same_silence.json" || cmp_status=1
printf '{"csv_rows": %s, "csv_bytes": %s, "export_seconds": %s, "keel_json_bytes": %s}\n' \
  "$(($(wc -l <"$work/reply_times.csv") - 1))" "$(stat -c %s "$work/reply_times.csv")" \
  "$export_seconds" "$(stat -c %s "$work/keel_silence.json")" >"$results/silence_meta.json"
bench r_floor "${wl[@]}" -n "Rscript: start + library(survival)" \
  "Rscript -e $(q 'suppressPackageStartupMessages(library(survival))')"
bench keel_silence_large "${wl[@]}" -n "keel silence --json ($large asks)" "$L silence --json"
bench r_survfit_large "${wl[@]}" -n "Rscript bench/survfit.R ($large reply times)" \
  "Rscript $(q "$root/bench/survfit.R") $(q "$work/reply_times.csv")"
if [[ $cmp_status != 0 ]]; then
  echo "bench/run.sh: keel and a peer disagree; see $results/same_*.json" >&2
fi

# --- micro-benchmarks ---------------------------------------------------------------------------
step "micro-benchmarks (keel_micro_bench)"
min_time=$([[ $quick == 1 ]] && echo 0.05 || echo 0.2)
timeout --foreground 600 "$micro" --benchmark_min_time="$min_time" \
  --benchmark_out="$results/micro.json" --benchmark_out_format=json >&2

# --- optional: where the instructions go ---------------------------------------------------------
if [[ $profile == 1 ]]; then
  step "callgrind: keel status, keel ask (new org), keel stats, keel silence"
  if command -v valgrind >/dev/null; then
    timeout --foreground 300 valgrind --tool=callgrind --callgrind-out-file="$results/callgrind.status" \
      "$keel" --db "$db" status >/dev/null 2>"$work/vg.log"
    "$keel" --db "$db" undo >/dev/null || true
    timeout --foreground 300 valgrind --tool=callgrind --callgrind-out-file="$results/callgrind.ask_new" \
      "$keel" --db "$db" ask "$new_org" --kind application --channel job-board >/dev/null \
      2>>"$work/vg.log"
    for report in stats silence; do
      timeout --foreground 300 valgrind --tool=callgrind \
        --callgrind-out-file="$results/callgrind.$report" "$keel" --db "$db" --today "$today" \
        "$report" --json >/dev/null 2>>"$work/vg.log"
    done
  else
    echo "valgrind is missing; skipped" >&2
  fi
fi

read -r load_after _ </proc/loadavg
kill "$load_pid" 2>/dev/null || true
load_pid=""
step "summary"
python3 "$root/bench/summarize.py" --results "$results" --root "$root" --build "$build_dir" \
  --keel "$keel" --runs "$runs" --load "$load_before" "$load_after" --gen-seconds "$gen_seconds" \
  --large "$large" --large-runs "$large_runs" | tee "$results/summary.md"
echo >&2
echo "results: $results/summary.md (raw: $results/*.json)" >&2

# --- keel serve under wrk (bench/serve_bench.sh; BENCH_SERVE=0 skips it) -------------------------
# The same 10k history and the large database the last import left; its table follows the summary.
if [[ ${BENCH_SERVE:-1} != 0 ]]; then
  step "keel serve under wrk (bench/serve_bench.sh)"
  KEEL_BIN=$keel timeout --foreground 1800 "$root/bench/serve_bench.sh" --data "$work/serve" \
    --results "$results/serve" --small-csv "$work/small.csv" --large-db "$ldb" ||
    echo "bench/run.sh: bench/serve_bench.sh failed (is wrk installed?)" >&2
fi
