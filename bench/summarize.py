#!/usr/bin/env python3
"""Turns the raw results of bench/run.sh (hyperfine and Google Benchmark JSON) into the markdown
summary it prints: absolute times, ratios to the peers measured in the same run (Taskwarrior,
sqlite3, R), the load average during the run, and whether each target is met. Python standard
library only."""
import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import statistics
import subprocess

TARGET_MS = 10.0             # keel ask / keel status at 10k asks, process start to exit
TARGET_ROWS_PER_S = 300_000  # keel import
TARGET_SPEEDUP = 10.0        # keel stats / silence at 1M asks against sqlite3 / R


def run(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=30,
                              check=False).stdout.strip()
    except OSError:
        return ""


def load(results, name):
    path = results / f"{name}.json"
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["results"][0] if "results" in data else data


def ms(seconds):
    return seconds * 1000.0


def machine(build):
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as f:
            fields = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        os_name = fields.get("PRETTY_NAME", os_name).strip('"')
    if os.path.exists("/etc/debian_version"):
        with open("/etc/debian_version", encoding="utf-8") as f:
            os_name += f" ({f.read().strip()})"
    compiler = "unknown"
    for path in pathlib.Path(build, "CMakeFiles").glob("*/CMakeCXXCompiler.cmake"):
        text = path.read_text(encoding="utf-8")
        cid = re.search(r'CMAKE_CXX_COMPILER_ID "([^"]*)"', text)
        ver = re.search(r'CMAKE_CXX_COMPILER_VERSION "([^"]*)"', text)
        if cid and ver:
            compiler = f"{cid.group(1)} {ver.group(1)}"
    build_type = ""
    cache = pathlib.Path(build, "CMakeCache.txt")
    if cache.exists():
        m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", cache.read_text(encoding="utf-8"), re.M)
        build_type = m.group(1) if m else ""
    mem_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    sqlite = run("dpkg-query", "-W", "-f=${Version}", "libsqlite3-0")
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "os": os_name, "kernel": platform.release(),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB", "compiler": compiler,
        "build_type": build_type, "sqlite": sqlite or "unknown",
        "hyperfine": run("hyperfine", "--version"), "taskwarrior": run("task", "--version"),
    }


def load_range(results):
    """(min, median, max, samples) of the 1-minute load average sampled during the run."""
    path = results / "loadavg.txt"
    if not path.exists():
        return None
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            try:
                values.append(float(parts[1]))
            except ValueError:
                pass
    if not values:
        return None
    return min(values), statistics.median(values), max(values), len(values)


def cell(res):
    """mean ± sd, min and user + sys of a hyperfine result, in ms."""
    return [f"{ms(res['mean']):.1f} ± {ms(res['stddev']):.1f}", f"{ms(res['min']):.1f}",
            f"{ms(res['user'] + res['system']):.1f}"]


def verdict_speedup(ratio, target=TARGET_SPEEDUP):
    if ratio >= target:
        return f"met ({ratio:.1f}x)"
    return f"**missed**: {ratio:.2f}x, {target / ratio:.1f}x short of {target:.0f}x"


def verdict_ms(mean_ms, target=TARGET_MS):
    if mean_ms <= target:
        return f"met ({target - mean_ms:.1f} ms to spare)"
    return f"**missed** by {mean_ms - target:.1f} ms ({mean_ms / target:.1f}x the target)"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True, type=pathlib.Path)
    p.add_argument("--root", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--keel", required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--load", nargs=2, default=["?", "?"])
    p.add_argument("--gen-seconds", default="?")
    p.add_argument("--large", type=int, default=1_000_000)
    p.add_argument("--large-runs", type=int, default=5)
    a = p.parse_args()
    r = a.results
    m = machine(a.build)
    commit = run("git", "rev-parse", "--short", "HEAD", cwd=a.root)
    dirty = run("git", "status", "--porcelain", "--", "src", "CMakeLists.txt", cwd=a.root)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    out = []
    w = out.append
    w(f"## keel benchmark, {now}")
    w("")
    w(f"- keel {commit}{' + uncommitted changes in src/' if dirty else ''}, "
      f"{m['build_type']} build ({m['compiler']}), SQLite {m['sqlite']}")
    w(f"- machine: {m['cpus']} CPUs, {m['cpu']}, {m['memory']}, {m['os']}, Linux {m['kernel']}")
    w(f"- tools: {m['hyperfine']}, Taskwarrior {m['taskwarrior']}")
    w(f"- load average (1 min) before / after: {a.load[0]} / {a.load[1]}")
    lr = load_range(r)
    if lr:
        w(f"- load average (1 min) during the run, sampled every 5 s: min {lr[0]:.2f}, "
          f"median {lr[1]:.2f}, max {lr[2]:.2f} ({lr[3]} samples)")
    try:
        busy = max(float(x) for x in a.load) > (m["cpus"] or 1)
    except ValueError:
        busy = False
    if lr and lr[2] > (m["cpus"] or 1):
        busy = True
    if busy:
        w(f"- **the machine was busy** (load above its {m['cpus']} CPUs): wall times include "
          "waiting for a CPU; `min` is closest to an idle machine, `user + sys` is what the "
          "command itself costs. Ratios to the peers stay fair: each pair ran minutes apart, "
          "under the same load.")
    w("")

    w(f"### Commands on a ledger of 10k asks (10k pending tasks for Taskwarrior)")
    w("")
    w(f"Wall time from process start to exit, hyperfine without a shell, 3 warm-up runs + "
      f"{a.runs} timed runs; mean ± standard deviation.")
    w("")
    w("| keel | mean ± sd (ms) | min (ms) | user + sys (ms) | Taskwarrior | mean ± sd (ms) "
      "| keel / Taskwarrior | target ≤ 10 ms |")
    w("|---|---:|---:|---:|---|---:|---:|---|")
    rows = [
        ("`keel --version` (start-up floor)", "keel_version", "`task --version`", "task_version",
         False),
        ("`keel status`", "keel_status", "`task count`", "task_count", True),
        ("`keel ask` (known org)", "keel_ask_known", "`task add`", "task_add", True),
        ("`keel ask` (new org)", "keel_ask_new", "`task add`", "task_add", True),
    ]
    verdicts = []
    for label, kname, tlabel, tname, targeted in rows:
        k, t = load(r, kname), load(r, tname)
        if not k:
            continue
        kmean = ms(k["mean"])
        cells = [label, f"{kmean:.2f} ± {ms(k['stddev']):.2f}", f"{ms(k['min']):.2f}",
                 f"{ms(k['user'] + k['system']):.2f}"]
        if t:
            cells += [tlabel, f"{ms(t['mean']):.2f} ± {ms(t['stddev']):.2f}",
                      f"{k['mean'] / t['mean']:.3f}"]
        else:
            cells += [tlabel, "", ""]
        if targeted:
            v = verdict_ms(kmean)
            cells.append(v)
            verdicts.append(f"- {label} at 10k asks ≤ 10 ms: {v}")
        else:
            cells.append("")
        w("| " + " | ".join(cells) + " |")
    w("")

    reports_meta = load(r, "keel_reports_meta") or {}
    if reports_meta:
        w("### Report commands on the same 10k-ask ledger")
        w("")
        w(f"`keel --today 2026-11-26 REPORT --json`, output to /dev/null; 3 warm-up runs + "
          f"{a.runs} timed runs.")
        w("")
        w("| command | mean ± sd (ms) | min (ms) | user + sys (ms) | JSON output | target ≤ 10 ms |")
        w("|---|---:|---:|---:|---:|---|")
        for name, meta in reports_meta.items():
            res = load(r, name)
            if not res:
                continue
            every = "--all" in meta["command"]  # every ask, for reference: no target
            v = "(none: every ask)" if every else verdict_ms(ms(res["mean"]))
            w(f"| `{meta['command']}` | " + " | ".join(cell(res)) +
              f" | {meta['json_bytes'] / 1000:,.1f} kB | {v} |")
            if not every:
                verdicts.append(f"- `{meta['command']}` at 10k asks ≤ 10 ms: {v}")
        w("")

    w("### Import into a fresh database")
    w("")
    w("`keel import FILE.csv` of bench/gen_history.py output (keel's CSV), whole command; "
      "median of the runs.")
    w("")
    w("| rows | CSV | runs (s) | median (s) | rows/s | MB/s | peak RSS | database + WAL | "
      "`sqlite3 .import` rows/s | keel / sqlite3 | target ≥ 300k rows/s |")
    w("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in ("small", "large"):
        res, meta = load(r, f"keel_import_{size}"), load(r, f"keel_import_{size}_meta")
        if not res or not meta:
            continue
        median = statistics.median(res["times"])
        rate = meta["rows"] / median
        mb = meta["csv_bytes"] / 1e6
        if rate >= TARGET_ROWS_PER_S:
            v = f"met ({rate / TARGET_ROWS_PER_S:.2f}x)"
        else:
            v = (f"**missed**: {rate / TARGET_ROWS_PER_S:.0%} of the target "
                 f"({TARGET_ROWS_PER_S / rate:.1f}x too slow)")
        rss = f"{meta['max_rss_kb'] / 1024:.0f} MiB" if meta["max_rss_kb"] else "n/a"
        peer = load(r, f"sqlite_import_{size}")
        peer_rate = meta["rows"] / statistics.median(peer["times"]) if peer else None
        peer_cells = (f"{peer_rate:,.0f} | {rate / peer_rate:.2f}" if peer_rate else "n/a | n/a")
        w(f"| {meta['rows']:,} | {mb:.1f} MB | {', '.join(f'{x:.3f}' for x in res['times'])} "
          f"| {median:.3f} | {rate:,.0f} | {mb / median:.1f} | {rss} "
          f"| {meta['db_bytes'] / 1e6:.1f} + {meta.get('wal_bytes', 0) / 1e6:.1f} MB "
          f"| {peer_cells} | {v} |")
        verdicts.append(f"- import of {meta['rows']:,} rows ≥ 300k rows/s: {v} — "
                        f"{rate:,.0f} rows/s")
    big = load(r, "keel_status_large")
    if big:
        w("")
        w(f"`keel status` on the {a.large:,}-ask database: {ms(big['mean']):.1f} ± "
          f"{ms(big['stddev']):.1f} ms, min {ms(big['min']):.1f} ms ({len(big['times'])} runs).")
    w("")
    w(f"(Generating the {a.large:,}-row CSV took {a.gen_seconds} s.)")
    w("")

    pairs = [
        ("`keel stats --json`", "keel_stats_large", "`sqlite3` bench/stats_overall.sql",
         "sqlite_stats_large", "same_stats"),
        ("`keel stats --by kind --json`", "keel_stats_kind_large",
         "`sqlite3` bench/stats_by_kind.sql", "sqlite_stats_kind_large", "same_stats_kind"),
        ("`keel silence --json`", "keel_silence_large", "`Rscript` bench/survfit.R",
         "r_survfit_large", "same_silence"),
    ]
    if any(load(r, kname) for _, kname, _, _, _ in pairs):
        w(f"### Reports on the {a.large:,}-ask database: keel against sqlite3 and R")
        w("")
        w(f"Same database file (as the last import left it), process start to exit, hyperfine "
          f"without a shell, 1 warm-up + {a.large_runs} timed runs. *peer / keel* is how many "
          f"times faster keel is.")
        w("")
        w("| keel | mean ± sd (ms) | min (ms) | user + sys (ms) | peer | mean ± sd (ms) "
          "| min (ms) | user + sys (ms) | peer / keel (mean) | same result | target ≥ 10x |")
        w("|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|")
        for klabel, kname, plabel, pname, same in pairs:
            k, pr, sm = load(r, kname), load(r, pname), load(r, same)
            if not k or not pr:
                continue
            ratio = pr["mean"] / k["mean"]
            v = verdict_speedup(ratio)
            same_text = ("yes" if sm and sm.get("same") else "**no**") if sm else "?"
            w(f"| {klabel} | " + " | ".join(cell(k)) + f" | {plabel} | " + " | ".join(cell(pr)) +
              f" | {ratio:.2f} | {same_text} | {v} |")
            verdicts.append(f"- {klabel} at {a.large:,} asks ≥ 10x faster than {plabel}: {v}")
        w("")
        floors = [("`sqlite3 -readonly` open + one trivial query", "sqlite_open_large"),
                  ("`Rscript -e 'library(survival)'` (R start-up)", "r_floor")]
        for label, name in floors:
            res = load(r, name)
            if res:
                w(f"- floor, {label}: {ms(res['mean']):.1f} ± {ms(res['stddev']):.1f} ms "
                  f"(min {ms(res['min']):.1f})")
        for same in ("same_stats", "same_stats_kind", "same_silence"):
            sm = load(r, same)
            if sm:
                w(f"- {same}: {'same' if sm['same'] else 'DIFFERENT'} ({sm['checked']})"
                  + (f"; largest relative difference {sm['largest_relative_difference']:.2g}"
                     if "largest_relative_difference" in sm else "")
                  + (f"; horizon {sm['horizon']['days']} days ({sm['horizon']['source']})"
                     if "horizon" in sm else "")
                  + ("" if sm["same"] else f": {'; '.join(sm['differences'])}"))
        sil = load(r, "silence_meta")
        if sil:
            w(f"- reply times exported by sqlite3 (bench/reply_times.sql): {sil['csv_rows']:,} "
              f"rows, {sil['csv_bytes'] / 1e6:.1f} MB, in {sil['export_seconds']} s (not timed "
              f"in the comparison); `keel silence --json` prints {sil['keel_json_bytes'] / 1e6:.1f} "
              f"MB (the curve plus every open ask it ranks)")
        files = r / "large_files.txt"
        if files.exists():
            w("- database files: " + "; ".join(
                f"{line.split()[-1].rsplit('/', 1)[-1]} {int(line.split()[4]) / 1e6:.1f} MB"
                for line in files.read_text(encoding="utf-8").splitlines() if line.strip()))
        w("")

    micro = load(r, "micro")
    if micro:
        w("### Micro-benchmarks (keel_micro_bench, in process)")
        w("")
        w("| benchmark | time | CPU | items/s | bytes/s |")
        w("|---|---:|---:|---:|---:|")
        for b in micro.get("benchmarks", []):
            if b.get("run_type") == "aggregate":
                continue
            if "error_message" in b:
                w(f"| {b['name']} | error: {b['error_message']} | | | |")
                continue
            unit = b.get("time_unit", "ns")
            items = b.get("items_per_second")
            size = b.get("bytes_per_second")
            w(f"| {b['name']} | {b['real_time']:.4g} {unit} | {b['cpu_time']:.4g} {unit} "
              f"| {f'{items:,.0f}' if items else ''} "
              f"| {f'{size / 1e6:,.0f} MB/s' if size else ''} |")
        w("")

    w("### Targets")
    w("")
    out.extend(verdicts)
    print("\n".join(out))


if __name__ == "__main__":
    main()
