#pragma once

namespace keel {

/// Parses the command line and runs the command. Returns the process exit code: 0 success,
/// 1 a user error, 2 a usage error.
int RunCli(int argc, char** argv);

}  // namespace keel
