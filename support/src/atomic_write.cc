#include "plumb/support/atomic_write.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace plumb {
namespace {

// A name beside `path` no other writer uses: the process id and a counter
// (letters, digits and dots only, valid on every file system).
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

Unexpected<std::string> failure(std::string_view what, const std::string& path, int error) {
  return Unexpected{std::string(what) + " '" + path + "': " + std::strerror(error)};
}

// Writes all of `bytes` to `fd`, then (if asked) flushes it to the device.
int write_all(int fd, std::string_view bytes, bool sync) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return !sync || ::fsync(fd) == 0 ? 0 : errno;
}

// Where the bytes must go: a symlink's target, so that the link stays.
std::string destination(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char resolved[PATH_MAX];
  return ::realpath(path.c_str(), resolved) ? std::string(resolved) : path;
}

// A device, pipe or socket (`-o /dev/stdout`) cannot be replaced: it is
// written into.
BasicExpected<size_t, std::string> write_in_place(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return failure("cannot open", path, errno);
  int error = write_all(fd, bytes, false);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return failure("cannot write", path, error);
  return bytes.size();
}

}  // namespace

// Makes a rename in the folder of `path` durable (best effort: a folder
// that cannot be opened, as on some filesystems, is left to the system).
static void sync_parent_folder(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

BasicExpected<size_t, std::string> write_file_atomically(const std::string& requested, std::string_view bytes,
                                                          const WriteOptions& options) {
  const std::string path = destination(requested);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return failure("cannot write", requested, EISDIR);
    return write_in_place(path, bytes);
  }
  const std::string temp = temporary_name(path);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(options.mode));
  if (fd < 0) return failure("cannot create", requested, errno);
  int error = write_all(fd, bytes, options.sync);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    return failure("cannot write", requested, error);
  }
  if (options.sync) sync_parent_folder(path);
  return bytes.size();
}

}  // namespace plumb
