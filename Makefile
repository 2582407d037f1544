# A thin wrapper over CMake presets, so that two commands work on a fresh Debian 12 machine:
#   make run    install what is missing, build, and serve the dashboard on keel's default database
#   make test   install, build, and pass every test (unit, golden CLI, crash, and the ASan+UBSan run)
.PHONY: deps web build run test test-fast asan check format bench fuzz fuzz-smoke clean

BUILD := build/default

deps:
	@scripts/deps

# scripts/web installs the dashboard's npm packages (uPlot, playwright-core) when they are missing.
web: deps
	@scripts/web

build: deps web
	@cmake --preset default >/dev/null
	@cmake --build --preset default

# Ctrl-C stops the server.
run: build
	@$(BUILD)/keel serve

test-fast: build
	ctest --preset default

asan: deps web
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	ctest --preset asan

test: test-fast asan

check: build
	scripts/check

format: deps
	git ls-files '*.cc' '*.h' | xargs clang-format -i

# Every libFuzzer target for 10 minutes (scripts/fuzz); fuzz-smoke runs each for 30 s (CI).
fuzz: deps
	scripts/fuzz 600

fuzz-smoke: deps
	scripts/fuzz 30

bench: deps
	@scripts/deps --bench
	bench/run.sh

clean:
	rm -rf build
