#!/usr/bin/env python3
"""Writes a compile database for clang-tidy from a build's, in one of two shapes.

    tidy_database.py BUILD_DIR OUT_DIR           one entry per source file (for a file or two)
    tidy_database.py --units BUILD_DIR OUT_DIR   the build's own units over src/, whose paths it
                                                 prints (scripts/check: the whole tree)

The presets build several files to a unit (CMAKE_UNITY_BUILD), so BUILD_DIR's
compile_commands.json names the generated unity_N_cxx.cxx files, each a list of
`#include "/abs/path/file.cc"` lines. Per file, every file a unit includes gets the unit's own
command (the same flags the build used), naming the file instead. Per unit, clang-tidy parses the
standard library, JSON and fmt headers once for the unit's files instead of once per file: a
quarter of the time for the whole tree (docs/benchmarks.md). Entries that are not unity files are
kept as they are. gcc-only flags are dropped: clang does not know -Wno-subobject-linkage (which
only the units need, CMakeLists.txt) nor the restrict warning.
"""
import json
import pathlib
import re
import sys

INCLUDE = re.compile(r'^#include "([^"]+\.cc)"', re.M)
GCC_ONLY = (" -Wno-subobject-linkage", " -Wno-error=restrict")


def clang_command(command: str) -> str:
    for flag in GCC_ONLY:
        command = command.replace(flag, "")
    return command


def main() -> int:
    args = sys.argv[1:]
    units = args[:1] == ["--units"]
    if units:
        args = args[1:]
    build, out = pathlib.Path(args[0]), pathlib.Path(args[1])
    # keel's src/, beside this script: the build directory may be anywhere ($KEEL_BUILD_DIR).
    source_dir = str(pathlib.Path(__file__).resolve().parent.parent / "src") + "/"
    entries = json.loads((build / "compile_commands.json").read_text())
    written = []
    # With --units, the units over keel's own sources: a unit of tests or benchmarks is left
    # out, as is any file outside src/ (scripts/check tidies src/ only).
    tidied = []
    for e in entries:
        path = e["file"]
        command = clang_command(e["command"])
        if "/Unity/unity_" not in path:
            written.append(dict(e, command=command))
            if path.startswith(source_dir):
                tidied.append(path)
            continue
        sources = INCLUDE.findall(pathlib.Path(path).read_text())
        if units:
            written.append(dict(e, command=command))
            if sources and all(s.startswith(source_dir) for s in sources):
                tidied.append(path)
            continue
        for source in sources:
            written.append({"directory": e["directory"], "file": source,
                            "command": command.replace(path, source)})
    out.mkdir(parents=True, exist_ok=True)
    (out / "compile_commands.json").write_text(json.dumps(written, indent=1))
    if units:
        print("\n".join(tidied))
    return 0


if __name__ == "__main__":
    sys.exit(main())
