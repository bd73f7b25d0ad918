#include "plumb/diagnostics/source_map.h"

#include <algorithm>
#include <cstring>

namespace plumb {

SourceFile::SourceFile(std::string path, SourceText text, uint32_t base)
    : path_(std::move(path)), text_(std::move(text)), base_(base) {}

void SourceFile::index_lines() const {
  std::call_once(lines_indexed_, [this] {
    const std::string_view text = this->text();
    line_starts_.push_back(0);
    for (const char* p = text.data(), *end = p + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr; ++p) {
      line_starts_.push_back(static_cast<uint32_t>(p - text.data()) + 1);
    }
  });
}

std::pair<uint32_t, uint32_t> SourceFile::line_col(uint32_t local_offset) const {
  index_lines();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), local_offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  return {line, local_offset - line_starts_[line]};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  index_lines();
  if (line >= line_starts_.size()) return {};
  uint32_t start = line_starts_[line];
  uint32_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1
                                                 : static_cast<uint32_t>(text().size());
  std::string_view s(text().data() + start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

uint32_t SourceFile::line_count() const {
  index_lines();
  return static_cast<uint32_t>(line_starts_.size());
}

FileId SourceMap::add(std::string path, SourceText text) {
  uint32_t base = next_base_;
  next_base_ += static_cast<uint32_t>(text.view().size()) + 1;
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text), base));
  return static_cast<FileId>(files_.size() - 1);
}

FileId SourceMap::file_of(uint32_t offset) const {
  auto it = std::upper_bound(files_.begin(), files_.end(), offset,
                             [](uint32_t off, const auto& f) { return off < f->base(); });
  return static_cast<FileId>(it - files_.begin()) - 1;
}

Location SourceMap::locate(uint32_t offset) const {
  FileId id = file_of(offset);
  const SourceFile& f = *files_[id];
  auto [line, col] = f.line_col(offset - f.base());
  return Location{id, line + 1, col + 1};
}

}  // namespace plumb
