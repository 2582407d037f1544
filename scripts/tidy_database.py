#!/usr/bin/env python3
"""Writes a compile database with one entry per source file, for clang-tidy.

    tidy_database.py BUILD_DIR OUT_DIR

The presets build several files to a unit (CMAKE_UNITY_BUILD), so BUILD_DIR's
compile_commands.json names the generated unity_N_cxx.cxx files, not the .cc files clang-tidy is
asked about. Each unity file is a list of `#include "/abs/path/file.cc"` lines; every file it
includes gets the unit's own command (the same flags the build used), naming the file instead.
Entries that are not unity files are kept as they are. gcc's -Wno-subobject-linkage, which only
the units need (CMakeLists.txt), is dropped: clang does not know it, and a file alone needs none.
"""
import json
import pathlib
import re
import sys

INCLUDE = re.compile(r'^#include "([^"]+\.cc)"', re.M)


def main() -> int:
    build, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    entries = json.loads((build / "compile_commands.json").read_text())
    expanded = []
    for e in entries:
        unit = pathlib.Path(e["file"])
        if "/Unity/unity_" not in e["file"]:
            expanded.append(e)
            continue
        for source in INCLUDE.findall(unit.read_text()):
            command = e["command"].replace(e["file"], source).replace(" -Wno-subobject-linkage", "")
            expanded.append({"directory": e["directory"], "command": command, "file": source})
    out.mkdir(parents=True, exist_ok=True)
    (out / "compile_commands.json").write_text(json.dumps(expanded, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
