// Owns the text of every source file and maps global byte offsets back to
// file:line:column. Offsets are global so that a Span alone identifies its
// file; each file occupies [base, base + size + 1) so an end-of-file span
// still belongs to its file (the same layout as the reference's SourceMap).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/source_text.h"
#include "plumb/diagnostics/span.h"

namespace plumb {

using FileId = uint32_t;

struct Location {
  FileId file = 0;
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes (as the reference counts)
};

class SourceFile {
 public:
  SourceFile(std::string path, SourceText text, uint32_t base);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_.view(); }
  uint32_t base() const { return base_; }
  // One past the last global offset of this file (includes the EOF slot).
  uint32_t limit() const { return base_ + static_cast<uint32_t>(text().size()) + 1; }

  // 0-based line index and byte column of a file-local offset.
  std::pair<uint32_t, uint32_t> line_col(uint32_t local_offset) const;
  // Text of a 0-based line, without its line terminator.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const;

 private:
  void index_lines() const;

  std::string path_;
  SourceText text_;
  uint32_t base_;
  // Built on first use, once, whichever thread asks first (files are parsed
  // on several threads).
  mutable std::once_flag lines_indexed_;
  mutable std::vector<uint32_t> line_starts_;
};

class SourceMap {
 public:
  // Adds a file and returns its id. The text is owned by the map and never
  // moves, so string_views into it stay valid for the map's lifetime.
  FileId add(std::string path, std::string text) { return add(std::move(path), SourceText(std::move(text))); }
  FileId add(std::string path, SourceText text);
  // Room for `n` files: adding up to that many moves no existing entry, so
  // files may be read on one thread while others are added.
  void reserve(size_t n) { files_.reserve(n); }

  const SourceFile& file(FileId id) const { return *files_[id]; }
  size_t size() const { return files_.size(); }
  // The file containing a global offset (offsets past the end map to the last file).
  FileId file_of(uint32_t offset) const;
  Location locate(uint32_t offset) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  uint32_t next_base_ = 0;
};

}  // namespace plumb
