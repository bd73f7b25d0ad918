// read_file and read_source (declared in loader.h): a whole file in as few
// syscalls as its size allows, or mapped when it is large.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "plumb/resolver/loader.h"

namespace plumb {
namespace {

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool valid() const { return fd_ >= 0; }
  int get() const { return fd_; }

 private:
  int fd_;
};

// One read(2), retried when a signal interrupts it: the bytes read, 0 at
// the end of the file, -1 on an error.
ssize_t read_some(int fd, char* buf, size_t n) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r >= 0 || errno != EINTR) return r;
  }
}

constexpr size_t kChunk = 16384;

// From this size on a file is mapped rather than read (see SourceText).
constexpr size_t kMapBytes = size_t{1} << 20;

int open_for_reading(const std::string& path) { return ::open(path.c_str(), O_RDONLY | O_CLOEXEC); }

// Whether `fd` was opened and is not a directory; `st` is its status.
// When not, errno says why (EISDIR for a directory).
bool readable(const FileDescriptor& fd, struct stat& st) {
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0) return false;
  if (!S_ISDIR(st.st_mode)) return true;
  errno = EISDIR;
  return false;
}

// Reads what is left of the open file `fd` (of status `st`) into `out`.
bool read_open_file(const FileDescriptor& fd, const struct stat& st, std::string& out) {
  // A regular file's size is trusted, so that it is read in one call (fewer
  // syscalls matter: most of a small `plumb check` is process and file
  // overhead); a file that shrank meanwhile ends early. A size of 0 says
  // nothing (procfs and sysfs files report it), and pipes and devices have
  // none: those are read to the end, the buffer doubling as it fills.
  const bool size_known = S_ISREG(st.st_mode) && st.st_size > 0;
  out.resize(size_known ? static_cast<size_t>(st.st_size) : kChunk);
  size_t got = 0;
  for (;;) {
    if (got == out.size()) {
      if (size_known) break;
      out.resize(out.size() * 2);
    }
    ssize_t r = read_some(fd.get(), out.data() + got, out.size() - got);
    if (r < 0) return false;
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  out.resize(got);
  return true;
}

}  // namespace

Expected<std::string> read_file(const std::string& path) {
  FileDescriptor fd(open_for_reading(path));
  struct stat st;
  std::string out;
  if (!readable(fd, st) || !read_open_file(fd, st, out)) return Unexpected{unreadable_path(path, errno)};
  return out;
}

// The reference's message, and the system's reason as a note.
Diagnostic unreadable_path(const std::string& path, int err) {
  Diagnostic d = Diagnostic::file_error(DiagCode::PathUnreadable, path, "failed to read path for WIT [" + path + "]");
  if (err != 0) d.with_note(std::generic_category().message(err));
  return d;
}

bool read_source(const std::string& path, SourceText& out) {
  FileDescriptor fd(open_for_reading(path));
  struct stat st;
  if (!readable(fd, st)) return false;
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) >= kMapBytes) {
    if (std::optional<SourceText> mapped = SourceText::map(fd.get(), static_cast<size_t>(st.st_size))) {
      out = std::move(*mapped);
      return true;
    }
  }
  std::string text;
  if (!read_open_file(fd, st, text)) return false;
  out = SourceText(std::move(text));
  return true;
}

}  // namespace plumb
