// Why by hand, with POSIX calls:
//
// - std::ifstream on /dev/zero reads forever, and opening a FIFO blocks until a writer comes;
//   open(O_NONBLOCK) + fstat lets keel look at what the path is before reading a byte.
// - A regular file's size is known up front, so a 300 MB file is refused without reading it;
//   a pipe's is not, so it is read to one byte past the limit.
// - `export -o out.csv` used to write "out.csv.keel-tmp" with ofstream, which follows a symbolic
//   link planted under that name. The temporary name is now unpredictable and opened with
//   O_CREAT|O_EXCL|O_NOFOLLOW; rename() replaces the target entry itself, never a link's target.
#include "io/file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace keel {
namespace {

// Closes a descriptor on every exit path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

std::string Size(size_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / static_cast<double>(kMiB));
}

std::string KindOf(mode_t mode) {
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Reads fd to its end, failing once more than max_bytes came.
Result<std::string> ReadAll(int fd, const std::string& name, const ReadLimit& limit,
                            size_t expected) {
  std::string data;
  data.reserve(std::min(expected, limit.max_bytes) + 1);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{fmt::format("cannot read {}: {}; check the file", name, std::strerror(errno))};
    }
    if (n == 0) return data;
    data.append(buffer, static_cast<size_t>(n));
    if (data.size() > limit.max_bytes) {
      return Error{fmt::format("{} holds more than {}, the most keel reads as {}; {}", name,
                               Size(limit.max_bytes), limit.what, limit.fix)};
    }
  }
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path, const ReadLimit& limit) {
  const bool stdin_given = path == "-";
  const std::string name = stdin_given ? "standard input" : path;
  Fd owned(stdin_given ? -1 : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  const int fd = stdin_given ? STDIN_FILENO : owned.get();
  if (fd < 0) {
    return Error{fmt::format("cannot read {}: {}; check the path", path, std::strerror(errno))};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Error{fmt::format("cannot read {}: {}; check the path", name, std::strerror(errno))};
  }
  // Standard input may be anything the shell connects (a terminal, /dev/null): it is bounded.
  if (!stdin_given && S_ISDIR(st.st_mode)) {
    return Error{fmt::format("{} is a folder; give {}", name, limit.what)};
  }
  if (!stdin_given && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    return Error{
        fmt::format("{} is {}, not a file; give {}", name, KindOf(st.st_mode), limit.what)};
  }
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > limit.max_bytes) {
    return Error{fmt::format("{} is {}, more than the {} keel reads as {}; {}", name,
                             Size(static_cast<size_t>(st.st_size)), Size(limit.max_bytes),
                             limit.what, limit.fix)};
  }
  if (!stdin_given) {
    // Opened without blocking so a writer-less FIFO could not hang open(); reads may now wait
    // for a writer that exists (a FIFO without one reads as empty).
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  Result<std::string> data =
      ReadAll(fd, name, limit, S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0);
  if (data.ok() && data->empty() && S_ISFIFO(st.st_mode) && !stdin_given) {
    return Error{
        fmt::format("{} is a named pipe with nothing written to it; give {}", name, limit.what)};
  }
  return data;
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  struct stat target {};
  const bool exists = ::lstat(path.c_str(), &target) == 0;
  if (exists && S_ISLNK(target.st_mode)) {
    return Error{fmt::format(
        "cannot write {}: it is a symbolic link, and keel does not write through links; give "
        "the real path or remove the link",
        path)};
  }
  if (exists && S_ISDIR(target.st_mode)) {
    return Error{fmt::format("cannot write {}: it is a folder; give a file name with -o", path)};
  }
  const size_t slash = path.rfind('/');
  const std::string folder =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::random_device random;
  std::string temp;
  int raw = -1;
  for (int attempt = 0; attempt < 16 && raw < 0; ++attempt) {
    temp = fmt::format("{}/.{}.keel-{:08x}", folder, base, random());
    raw = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (raw < 0 && errno != EEXIST) break;
  }
  if (raw < 0) {
    return Error{fmt::format("cannot write {}: {}; check that the folder exists and is writable",
                             path, std::strerror(errno))};
  }
  Fd fd(raw);
  auto fail = [&](const std::string& message) -> Status {
    ::unlink(temp.c_str());
    return Error{message};
  };
  if (exists) ::fchmod(fd.get(), target.st_mode & 07777);
  for (size_t done = 0; done < data.size();) {
    const ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return fail(
          fmt::format("cannot write {}: {}; check the free space", path, std::strerror(errno)));
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    return fail(
        fmt::format("cannot write {}: {}; check the free space", path, std::strerror(errno)));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  }
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // the rename itself survives a power loss
  return Status();
}

}  // namespace keel
