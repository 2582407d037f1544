#!/usr/bin/env python3
"""Fails the build on an #include that crosses keel's layers the wrong way.

    check_layers.py SRC_DIR

Each folder of src/ is a layer (ARCHITECTURE.md); a file may include its own layer and the
layers below it, and nothing else. The store's backends (store/sqlite_*, store/pg_*) are
reached through store/store.h only: app/ never names a backend. Prints every violation as
`FILE:LINE: RULE` and exits 1, so CMake stops before compiling.
"""
import pathlib
import re
import sys

INTERFACE = {"store/store.h", "store/practice.h"}
FACTORY = "store/open.h"  # the front ends open the store through it
BACKENDS = {"pg", "sqlite"}  # store/<backend>_*  # what the layers above the store may see of it

# layer -> the include prefixes it may use (its own folder always).
ALLOWED = {
    "core": [],
    "stats": ["core/"],
    "themes": ["core/", "keel/"],
    "io": ["core/"],
    "store": ["core/", "keel/"],
    "app": ["core/", "stats/", "themes/", "io/", "keel/", *INTERFACE],
    "server": ["core/", "stats/", "themes/", "io/", "app/", "keel/", *INTERFACE, FACTORY],
    # `keel serve` is a command: the CLI starts the server (and nothing else of it).
    "cli": ["core/", "stats/", "themes/", "io/", "app/", *INTERFACE, FACTORY, "server/server.h"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def rule_for(layer: str, path: pathlib.Path, target: str):
    """None when `path` (in `layer`) may include `target`, else the rule it breaks."""
    if target.startswith(f"{layer}/") or "/" not in target:
        if layer == "store" and target.startswith("store/"):
            # A backend sees its own files and the shared store, never the other backend; the
            # shared store (the ledger's SQL, journal, tallies) sees neither.
            mine = path.stem.split("_")[0]
            theirs = pathlib.Path(target).stem.split("_")[0]
            if {mine, theirs} == {"pg", "sqlite"}:
                return "one store backend may not include the other's files"
            if mine == "open" and path.suffix == ".cc":
                return None  # store/open.cc, the factory: the one file that knows both
            if mine not in BACKENDS and theirs in BACKENDS:
                return f"the shared store may not include a backend's files ({target})"
        return None
    if any(target == a or (a.endswith("/") and target.startswith(a)) for a in ALLOWED[layer]):
        return None
    allowed = ", ".join(ALLOWED[layer]) or "nothing else"
    return f"{layer}/ may include {allowed}; not {target}"


def main() -> int:
    src = pathlib.Path(sys.argv[1])
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in ALLOWED:
            problems.append(f"{path}:1: {layer}/ is not a layer; add it to scripts/check_layers.py")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if m:
                rule = rule_for(layer, path, m.group(1))
                if rule:
                    problems.append(f"{path}:{number}: {rule}")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_layers: {len(problems)} include(s) cross the layers the wrong way",
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
