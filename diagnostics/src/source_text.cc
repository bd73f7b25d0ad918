#include "plumb/diagnostics/source_text.h"

#include <sys/mman.h>

#include <utility>

namespace plumb {

std::optional<SourceText> SourceText::map(int fd, size_t size) {
  if (size == 0) return SourceText();
  // MAP_POPULATE maps every page of the (usually cached) file at once,
  // instead of a fault per few pages while it is parsed.
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (p == MAP_FAILED) return std::nullopt;
  SourceText text;
  text.mapped_ = p;
  text.mapped_size_ = size;
  return text;
}

SourceText::SourceText(SourceText&& other) noexcept
    : owned_(std::move(other.owned_)),
      mapped_(std::exchange(other.mapped_, nullptr)),
      mapped_size_(std::exchange(other.mapped_size_, 0)) {}

SourceText& SourceText::operator=(SourceText&& other) noexcept {
  if (this != &other) {
    unmap();
    owned_ = std::move(other.owned_);
    mapped_ = std::exchange(other.mapped_, nullptr);
    mapped_size_ = std::exchange(other.mapped_size_, 0);
  }
  return *this;
}

SourceText::~SourceText() { unmap(); }

void SourceText::unmap() {
  if (mapped_) ::munmap(mapped_, mapped_size_);
  mapped_ = nullptr;
  mapped_size_ = 0;
}

}  // namespace plumb
