// The WIT front end: parse a source file into an ast::File, reporting every
// syntax error. The first error of a file is the one the reference reports,
// at the same place, with the same words; after an error the parser
// resynchronises at the next item, so one run shows all of a file's errors.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"
#include "plumb/support/arena.h"
#include "plumb/parser/ast.h"

namespace plumb {

class ParsedFile;
struct ParseOptions;
std::unique_ptr<ParsedFile> parse_file(const SourceMap& sources, FileId file, Diagnostics& diags, ParseOptions options);

class ParsedFile {
 public:
  FileId file() const { return file_; }
  const ast::File& ast() const { return *root_; }
  // True when any syntax error was reported for this file; the tree then
  // holds only the items that parsed.
  bool has_errors() const { return errors_ != 0; }
  size_t error_count() const { return errors_; }
  // At most how many types resolving this file (when it is valid) makes:
  // its type definitions, two per name its `use`s bring in (the alias, and
  // a placeholder for a foreign one), its type expressions that are not a
  // primitive or a name (each may be an anonymous type) and its resource
  // functions (a method's `self` is one). The resolver sizes its type arena
  // from it, so that the arena is not copied again and again as it fills.
  size_t type_bound() const {
    size_t n = type_bound_;
    for (const auto& part : parts_) n += part->type_bound();
    return n;
  }
  // Bytes held by the tree (arena blocks and versions).
  size_t memory_bytes() const {
    size_t n = arena_.bytes_reserved() + versions_.size() * sizeof(Version);
    for (const auto& part : parts_) n += part->memory_bytes();
    return n;
  }

 private:
  friend class Parser;
  friend std::unique_ptr<ParsedFile> parse_file(const SourceMap&, FileId, Diagnostics&, ParseOptions);
  Arena arena_;
  std::set<Version> versions_;  // one of each: a file's gates name few versions
  // A file parsed in parts keeps the other parts' trees here.
  std::vector<std::unique_ptr<ParsedFile>> parts_;
  const ast::File* root_ = nullptr;
  FileId file_ = 0;
  size_t errors_ = 0;
  size_t type_bound_ = 0;
};

struct ParseOptions {
  // A large file may be parsed in two halves on two threads (the result is
  // always the tree and the errors of one sequential pass).
  bool parallel = true;
};

// Parses file `file` of `sources`, reporting syntax errors to `diags`.
std::unique_ptr<ParsedFile> parse_file(const SourceMap& sources, FileId file, Diagnostics& diags,
                                       ParseOptions options = {});

// The reference's identifier rule (kebab-case parts, each all-lowercase or
// all-uppercase, the first starting with a letter). Returns the error message
// for an invalid id.
std::optional<std::string> validate_id(std::string_view id);

// The documentation text of `docs` as the reference computes it, or nullopt
// when there are no comments.
std::optional<std::string> doc_text(const ast::Docs& docs, const SourceMap& sources);
// The same text written into `out` (cleared first), so that a caller that
// copies it elsewhere can reuse one buffer; false when there are no comments.
bool write_doc_text(const ast::Docs& docs, const SourceMap& sources, std::string& out);

}  // namespace plumb
