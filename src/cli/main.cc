// keel's entry point. Expected failures are values all the way up; an exception here is a bug,
// reported in one line (never a stack trace) with exit code 1.
#include <cstdio>
#include <exception>

#include "cli/cli.h"

int main(int argc, char** argv) {
  try {
    return keel::RunCli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: internal error: %s; please report it\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "error: internal error; please report it\n");
  }
  return 1;
}
