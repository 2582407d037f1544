#!/usr/bin/env python3
"""scripts/check_layers.py passes keel's own tree and fails each kind of wrong include.

    check_layers_test.py SOURCE_DIR
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = pathlib.Path(sys.argv[1])
CHECK = SOURCE / "scripts" / "check_layers.py"


def check(src: pathlib.Path):
    return subprocess.run([sys.executable, str(CHECK), str(src)], capture_output=True, text=True)


class CheckLayers(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="keel-layers-"))
        self.src = self.tmp / "src"
        shutil.copytree(SOURCE / "src", self.src)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def add(self, relative: str, include: str):
        with open(self.src / relative, "a", encoding="utf-8") as f:
            f.write(f'#include "{include}"\n')

    def test_keels_tree_passes(self):
        r = check(SOURCE / "src")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_app_may_not_name_a_front_end_or_a_backend(self):
        self.add("app/goal.cc", "cli/cli.h")
        self.add("app/goal.h", "store/sqlite_store.h")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertIn("app/goal.cc:", r.stderr)
        self.assertIn("not cli/cli.h", r.stderr)
        self.assertIn("not store/sqlite_store.h", r.stderr)
        self.assertIn("2 include(s) cross the layers", r.stderr)

    def test_a_front_end_may_not_include_the_others_handlers(self):
        self.add("server/api.cc", "cli/context.h")
        self.add("server/routes_ledger.cc", "cli/commands.h")
        self.add("cli/ledger_commands.cc", "server/routes.h")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertIn("server/ may include", r.stderr)
        self.assertIn("not cli/context.h", r.stderr)
        self.assertIn("not server/routes.h", r.stderr)
        self.assertIn("3 include(s) cross the layers", r.stderr)

    def test_a_lower_layer_may_not_include_a_higher_one(self):
        self.add("stats/streak.cc", "app/status.h")
        self.add("core/date.cc", "stats/streak.h")
        self.add("store/tallies.cc", "app/ledger.h")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.count("may include"), 3, r.stderr)

    def test_one_backend_may_not_include_the_other(self):
        self.add("store/sqlite_goal.cc", "store/pg_db.h")
        self.add("store/pg_db.cc", "store/sqlite_db.h")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.count("one store backend may not include the other's files"), 2)

    def test_the_shared_store_may_not_include_a_backend(self):
        self.add("store/journal.cc", "store/sqlite_db.h")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertIn("the shared store may not include a backend's files", r.stderr)

    def test_a_new_folder_must_be_given_a_layer(self):
        (self.src / "misc").mkdir()
        (self.src / "misc" / "x.cc").write_text("int x;\n")
        r = check(self.src)
        self.assertEqual(r.returncode, 1)
        self.assertIn("misc/ is not a layer", r.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
