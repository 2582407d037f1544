// Reading and writing whole files safely: reads are bounded and never wait on a device or a
// named pipe without a writer; writes go to a fresh temporary file beside the target and are
// renamed over it, so a planted symbolic link is never followed and a failed write leaves the
// old file as it was.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace keel {

inline constexpr size_t kMiB = size_t{1} << 20;

struct ReadLimit {
  size_t max_bytes = 0;
  std::string_view what;  // what the file should be, for messages: "a CSV file"
  std::string_view fix;   // what to do when it is too large: "split it into smaller files"
};

/// Reads all of `path`, which must be a regular file or a pipe ("-" is standard input). Refuses,
/// with one line naming the path and the fix: a folder, a device (/dev/zero), a socket, a file
/// larger than limit.max_bytes (a pipe is cut off one byte past the limit). A named pipe with no
/// writer reads as empty rather than blocking.
Result<std::string> ReadWholeFile(const std::string& path, const ReadLimit& limit);

/// Replaces `path` with `data` atomically: writes a new temporary file in the same folder
/// (O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted there is followed), fsyncs it, renames it over
/// `path` and fsyncs the folder. Refuses a `path` that is a symbolic link or a folder. An
/// existing file keeps its permission bits. On failure the temporary file is removed and `path`
/// is unchanged.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace keel
