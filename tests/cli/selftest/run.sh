#!/usr/bin/env bash
# Self-test of tests/cli/run_golden.py: the passing .test files here must pass,
# fail.test must fail with exactly the commands marked "# expect: FAIL"
# reported, and a few runner features (--update, parse errors, timeouts) must
# behave.  Needs only bash, coreutils and python3; keel is not used.
# Usage: tests/cli/selftest/run.sh     (exit 0 = the runner works)
set -u
here=$(cd "$(dirname "$0")" && pwd)
runner="$here/../run_golden.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A stand-in for the keel binary: only its location on PATH is checked.
mkdir "$tmp/bin"
printf '#!/bin/sh\necho "stand-in keel $*"\n' > "$tmp/bin/keel"
chmod +x "$tmp/bin/keel"
run() { python3 "$runner" --keel "$tmp/bin/keel" --data "$here" "$@"; }

failures=0
check() {  # check DESCRIPTION CONDITION...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
last_line() { tail -n 1 "$1"; }

passing=("$here/basic.test" "$here/files.test" "$here/env.test")

# 1. Each passing file passes on its own, and all of them together.
for t in "${passing[@]}"; do
    run "$t" > "$tmp/out" 2>&1; rc=$?
    check "$(basename "$t") passes (exit $rc)" test "$rc" -eq 0
    check "$(basename "$t") summary" test "$(last_line "$tmp/out")" = "1 passed, 0 failed"
    [ "$rc" -eq 0 ] || cat "$tmp/out"
done
run "${passing[@]}" > "$tmp/out" 2>&1; rc=$?
check "passing files together (exit $rc)" test "$rc" -eq 0
check "passing files summary" test "$(last_line "$tmp/out")" = "3 passed, 0 failed"

# 2. fail.test fails, reporting exactly the commands marked "# expect: FAIL".
run "$here/fail.test" > "$tmp/out" 2>&1; rc=$?
check "fail.test fails (exit $rc)" test "$rc" -eq 1
check "fail.test summary" test "$(last_line "$tmp/out")" = "0 passed, 1 failed"
awk '/^# expect: FAIL/ { want = 1; next }
     /^\$ / { if (want) print "fail.test:" NR; want = 0 }' "$here/fail.test" > "$tmp/want"
sed -n 's|^FAIL .*/\(fail\.test:[0-9]*\):$|\1|p' "$tmp/out" > "$tmp/got"
check "fail.test: $(wc -l < "$tmp/want") expected failures found" test -s "$tmp/want"
check "fail.test: reported failures are exactly the marked ones" cmp -s "$tmp/want" "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || diff "$tmp/want" "$tmp/got"

# 3. Passing and failing files together.
run "${passing[@]}" "$here/fail.test" > "$tmp/out" 2>&1; rc=$?
check "mixed run fails (exit $rc)" test "$rc" -eq 1
check "mixed run summary" test "$(last_line "$tmp/out")" = "3 passed, 1 failed"

# 4. --update on a copy of fail.test makes it pass, keeping commands and comments.
cp "$here/fail.test" "$tmp/upd.test"
run --update "$tmp/upd.test" > "$tmp/out" 2>&1; rc=$?
check "--update succeeds (exit $rc)" test "$rc" -eq 0
run "$tmp/upd.test" > "$tmp/out" 2>&1; rc=$?
check "updated file passes (exit $rc)" test "$rc" -eq 0
check "--update keeps commands and comments" \
    cmp -s <(grep -E '^(\$ |#)' "$here/fail.test") <(grep -E '^(\$ |#)' "$tmp/upd.test")
cp "$tmp/upd.test" "$tmp/upd2.test"
run --update "$tmp/upd2.test" > /dev/null 2>&1
check "--update is idempotent" cmp -s "$tmp/upd.test" "$tmp/upd2.test"

# 5. A parse error is reported as FILE:LINE and counts as failed.
printf '# unterminated heredoc\n$ cat <<EOF\nabc\n' > "$tmp/broken.test"
run "$tmp/broken.test" > "$tmp/out" 2>&1; rc=$?
check "parse error fails (exit $rc)" test "$rc" -eq 1
check "parse error reported as FILE:LINE" grep -q "^$tmp/broken.test:2: unterminated heredoc" "$tmp/out"
check "parse error summary" test "$(last_line "$tmp/out")" = "0 passed, 1 failed"

# 6. A command that hangs is killed after --timeout.
printf '$ sleep 30\n' > "$tmp/hang.test"
start=$SECONDS
run --timeout 1 "$tmp/hang.test" > "$tmp/out" 2>&1; rc=$?
check "timeout fails (exit $rc)" test "$rc" -eq 1
check "timeout is reported" grep -q "timed out" "$tmp/out"
check "timeout is quick" test $((SECONDS - start)) -lt 15

echo
if [ "$failures" -eq 0 ]; then echo "selftest: all checks passed"; exit 0; fi
echo "selftest: $failures check(s) failed"; exit 1
