// The bytes of one source file, owned: a string, or a read-only mapping of
// the file itself. A large file is mapped rather than read: no copy, and no
// buffer to allocate and zero first (for a 10 MB package that is a few
// milliseconds and thousands of page faults). The usual caveat of mapped
// files applies: a file truncated by another process while it is mapped
// cannot be read past its new end (the process gets SIGBUS), so only large
// files are mapped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plumb {

class SourceText {
 public:
  SourceText() = default;
  explicit SourceText(std::string text) : owned_(std::move(text)) {}
  // Maps the first `size` bytes of the open regular file `fd`; nothing if
  // the system refuses (the caller reads the file instead).
  static std::optional<SourceText> map(int fd, size_t size);

  SourceText(SourceText&& other) noexcept;
  SourceText& operator=(SourceText&& other) noexcept;
  SourceText(const SourceText&) = delete;
  SourceText& operator=(const SourceText&) = delete;
  ~SourceText();

  std::string_view view() const {
    return mapped_ ? std::string_view(static_cast<const char*>(mapped_), mapped_size_) : std::string_view(owned_);
  }
  bool mapped() const { return mapped_ != nullptr; }

 private:
  void unmap();

  std::string owned_;
  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
};

}  // namespace plumb
