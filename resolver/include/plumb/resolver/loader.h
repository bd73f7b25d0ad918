// Reading WIT from disk the way the reference does (`Resolve::push_path`):
// a directory is one package group (its `*.wit` files, path-sorted) plus the
// entries of its `deps/` folder (sorted by name): sub-directories and `*.wit`
// files are groups of their own; `*.wasm`/`*.wat` files are binary packages.
// A single file is a group by itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/expected.h"
#include "plumb/diagnostics/source_map.h"
#include "plumb/parser/parser.h"
#include "plumb/resolver/source_provider.h"

namespace plumb {

// One WIT file: its syntax tree (null if it could not be read) and the
// problems found reading and parsing it.
struct LoadedFile {
  std::string path;
  bool unread = false;    // listed, not read yet (while loading)
  bool readable = false;  // read, and valid UTF-8
  FileId source = 0;      // in the SourceMap, when readable
  std::unique_ptr<ParsedFile> parsed;
  Diagnostics diags;
};

// WIT files parsed together; their top-level items form one package (plus
// any nested `package x:y { }` blocks).
struct SourceGroup {
  std::string path;               // the directory or file it was read from
  bool is_directory = false;      // `path` is a directory (its `*.wit` files)
  std::vector<LoadedFile> files;  // in the reference's (path) order
  Diagnostics diags;              // problems with the group itself (an unreadable directory)
};

// A binary package file (`*.wasm`, or `*.wat` text) found in `deps/`.
struct BinaryDep {
  std::string path;
  std::string bytes;
  // How many of LoadedPath::deps precede it in deps/ (name order): the
  // reference reads deps/ entries in that order, so it tells which problems
  // are found first.
  size_t groups_before = 0;
};

struct LoadedPath {
  // Where the files are read from (groups not read yet are read from it).
  const SourceProvider* provider = &disk_sources();
  bool is_directory = false;
  SourceGroup main;
  // The WIT entries of deps/, in the reference's (name) order.
  std::vector<SourceGroup> deps;
  // Binary packages: deps/ entries, or the path itself. The reference merges
  // these into the Resolve as it reads deps/, before any WIT group is linked.
  std::vector<BinaryDep> binary_deps;
  // Files read but neither WIT nor a binary package (a `.wasm` file that is
  // no WebAssembly); their errors are in `diags`.
  size_t rejected_files = 0;
  Diagnostics diags;  // problems with the path or deps/ itself
};

// Reads and parses `path`. Problems (unreadable paths, invalid UTF-8, syntax
// errors) are recorded with the file or group they concern; everything
// readable is still loaded. A directory with few files is only listed: its
// groups' files are read and parsed by read_and_parse_group, one group at a
// time, so that each group's trees can be freed before the next is parsed.
LoadedPath load_path(const std::string& path, SourceMap& sources, const SourceProvider& provider = disk_sources());

// Loads `text` as load_path loads a single file called `name` (read from
// standard input, say): a WIT file, parsed, or a binary package.
LoadedPath load_text(const std::string& name, std::string text, SourceMap& sources);

// Reads and parses the files of `group` that are not read yet.
void read_and_parse_group(SourceMap& sources, SourceGroup& group, const SourceProvider& provider = disk_sources());

// Reads a whole file, to its end even where its size is unknown (a pipe) or
// reported as 0 (procfs); if it cannot be opened or read, the error is the
// one the loader reports for it (see unreadable_path).
Expected<std::string> read_file(const std::string& path);
// The same for a source file: a large regular file is mapped (see
// SourceText), any other is read. Returns false if the file cannot be opened
// or read (errno then says why: the SourceProvider passes that on).
bool read_source(const std::string& path, SourceText& out);

// The error for a path that cannot be read; `err` is the errno of the
// failure (0: none known).
Diagnostic unreadable_path(const std::string& path, int err);

// True when `bytes` are a WebAssembly binary or (as a `.wat` file) look like
// WebAssembly text, the way the reference tells WIT from wasm.
bool looks_like_wasm(std::string_view bytes);

}  // namespace plumb
