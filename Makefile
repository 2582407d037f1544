# A thin wrapper over CMake presets, so that two commands work on a fresh Debian 12 machine:
#   make run    install what is missing, build, and run keel on its default database
#   make test   install, build, and pass every test (unit, golden CLI, crash, and the ASan+UBSan run)
.PHONY: deps build run test test-fast asan check format bench clean

BUILD := build/default

deps:
	@scripts/deps

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default

run: build
	@$(BUILD)/keel status

test-fast: build
	ctest --preset default

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	ctest --preset asan

test: test-fast asan

check: build
	scripts/check

format: deps
	git ls-files '*.cc' '*.h' | xargs clang-format -i

bench: deps
	@scripts/deps --bench
	bench/run.sh

clean:
	rm -rf build
