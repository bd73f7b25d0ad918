#include "plumb/resolver/loader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <thread>

#include "file_checks.h"
#include "plumb/support/heap.h"
#include "plumb/support/utf8.h"

namespace plumb {
namespace fs = std::filesystem;

namespace {

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool has_suffix(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A `.wasm` file is a WebAssembly binary or text, never WIT text: a file
// of that name that is neither (a Git LFS pointer, a saved error page) is
// reported as such rather than parsed as WIT. (The reference decides by
// content alone; `.wat` and `.wit` files still are.)
bool named_wasm(const std::string& path) { return has_suffix(path, ".wasm"); }

void read_error(Diagnostics& diags, DiagCode code, const std::string& path, std::string message) {
  diags.report(Diagnostic::file_error(code, path, std::move(message)));
}

// A file that cannot be read; `err` is the errno of the failure.
void unreadable_file(Diagnostics& diags, const std::string& path, int err) { diags.report(unreadable_path(path, err)); }

// Adds one WIT file's text to the source map and checks it. `add_lock`,
// when given, is held while adding (several threads may read at once). A
// file that is not UTF-8 joins the map too, so that its error points at the
// offending byte, but it is not marked readable: nothing parses it.
void accept_text(LoadedFile& file, SourceText text, SourceMap& sources, std::mutex* add_lock = nullptr) {
  {
    std::unique_lock<std::mutex> guard;
    if (add_lock != nullptr) guard = std::unique_lock<std::mutex>(*add_lock);
    file.source = sources.add(file.path, std::move(text));
  }
  if (std::optional<Diagnostic> problem = encoding_problem(sources.file(file.source))) {
    file.diags.report(std::move(*problem));
    return;
  }
  file.readable = true;
}

// A WIT file already read (to tell it from a binary package) into `group`.
void add_wit_file(const std::string& path, SourceText text, SourceMap& sources, SourceGroup& group) {
  LoadedFile& file = group.files.emplace_back();
  file.path = path;
  accept_text(file, std::move(text), sources);
}

// Whether a listed entry is a directory, following symlinks; `ec` is set
// when that cannot be had (a dangling symlink).
bool is_directory(const SourceProvider::Entry& entry, const SourceProvider& provider, std::error_code& ec) {
  ec.clear();
  if (entry.kind != SourceProvider::Kind::Unknown) return entry.kind == SourceProvider::Kind::Directory;
  return provider.kind_of(entry.path, ec) == SourceProvider::Kind::Directory;
}

bool is_directory(const SourceProvider::Entry& entry, const SourceProvider& provider) {
  std::error_code ec;
  return is_directory(entry, provider, ec);
}

// From this many files on, reading and parsing use two threads.
constexpr size_t kParallelFiles = 64;

// Heap readied per byte of source read (see plumb/support/heap.h): the
// trees, the model, the doc text and the sources themselves. 3 measured
// fastest against 4 and 6 on WASI 0.2 (print and check, interleaved runs);
// readying a little more than is used costs less than faulting in the rest.
constexpr size_t kHeapPerSourceByte = 3;

// Reads (where not read yet), checks and parses every file. Files are
// independent: each has its own tree and diagnostics, and the source map
// only grows (its capacity is reserved, so nothing moves under a reader).
// With enough files a second thread takes half of them: reading is
// syscalls and parsing is CPU, both of which overlap. Files then enter the
// source map in the order their reading ends, so their ids vary from run to
// run; nothing output depends on ids (see docs/architecture.md). On one
// thread all files are read first, so that the heap can be readied for
// what parsing and resolving them will take.
void read_and_parse(SourceMap& sources, std::vector<LoadedFile*>& files, const SourceProvider& provider) {
  sources.reserve(sources.size() + files.size());
  std::mutex add_lock;
  auto read = [&](LoadedFile& f) {
    if (!f.unread) return;
    f.unread = false;
    SourceText text;
    int error = 0;
    if (!provider.read(f.path, text, error)) return unreadable_file(f.diags, f.path, error);
    accept_text(f, std::move(text), sources, &add_lock);
  };
  auto parse = [&](LoadedFile& f) {
    if (f.readable && !f.parsed) f.parsed = parse_file(sources, f.source, f.diags);
  };
  if (files.size() >= kParallelFiles && std::thread::hardware_concurrency() > 1) {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < files.size();) {
        read(*files[i]);
        parse(*files[i]);
      }
    };
    std::thread helper(work);
    work();
    helper.join();
    return;
  }
  for (LoadedFile* f : files) read(*f);
  size_t source_bytes = 0;
  for (const LoadedFile* f : files) {
    if (f->readable) source_bytes += sources.file(f->source).text().size();
  }
  expect_more_heap_use(kHeapPerSourceByte * source_bytes);
  for (LoadedFile* f : files) parse(*f);
}

// The `*.wit` files directly in `dir` (symlinked files included, directories
// and symlinked directories skipped), sorted by path.
std::vector<SourceProvider::Entry> wit_files_in(const std::string& dir, Diagnostics& diags,
                                                const SourceProvider& provider) {
  std::vector<SourceProvider::Entry> out;
  std::error_code ec;
  std::vector<SourceProvider::Entry> entries = provider.list(dir, ec);
  if (ec) {
    read_error(diags, DiagCode::PathUnreadable, dir, "failed to read directory \"" + dir + "\": " + ec.message());
    return out;
  }
  for (SourceProvider::Entry& entry : entries) {
    if (!has_suffix(entry.name, ".wit")) continue;
    if (is_directory(entry, provider)) continue;
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

// The files of a directory group, listed; read_and_parse reads them.
SourceGroup list_dir_group(const std::string& dir, const SourceProvider& provider) {
  SourceGroup group;
  group.path = dir;
  group.is_directory = true;
  for (SourceProvider::Entry& file : wit_files_in(dir, group.diags, provider)) {
    LoadedFile& f = group.files.emplace_back();
    f.path = std::move(file.path);
    f.unread = true;
  }
  return group;
}

}  // namespace

void read_and_parse_group(SourceMap& sources, SourceGroup& group, const SourceProvider& provider) {
  std::vector<LoadedFile*> files;
  for (LoadedFile& f : group.files) {
    if (f.unread || (f.readable && !f.parsed)) files.push_back(&f);
  }
  if (!files.empty()) read_and_parse(sources, files, provider);
}

bool looks_like_wasm(std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.compare(0, 4, std::string_view("\0asm", 4)) == 0) return true;
  // As the reference's `wat::Detect`: UTF-8 text whose first token (after
  // whitespace and comments) is `(` is WebAssembly text.
  if (!valid_utf8(bytes)) return false;
  size_t i = 0;
  for (;;) {
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) ++i;
    if (bytes.compare(i, 2, ";;") == 0) {
      size_t nl = bytes.find('\n', i);
      if (nl == std::string_view::npos) return false;
      i = nl + 1;
      continue;
    }
    if (bytes.compare(i, 2, "(;") == 0) {
      int depth = 0;
      while (i < bytes.size()) {
        if (bytes.compare(i, 2, "(;") == 0) {
          ++depth;
          i += 2;
        } else if (bytes.compare(i, 2, ";)") == 0) {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
      if (depth != 0) return false;
      continue;
    }
    break;
  }
  return bytes.compare(i, 1, "(") == 0;
}

namespace {

// Reads one file that is not part of a directory group: the path itself, or
// a file of deps/. A binary package joins out.binary_deps (after
// `groups_before` deps/ groups); a WIT file becomes a file of `group`.
// Returns whether it was WIT (an unreadable file is reported).
bool load_loose_file(const std::string& path, size_t groups_before, SourceMap& sources,
                     const SourceProvider& provider, LoadedPath& out, SourceGroup& group) {
  SourceText bytes;
  int error = 0;
  if (!provider.read(path, bytes, error)) {
    unreadable_file(out.diags, path, error);
    return false;
  }
  if (looks_like_wasm(bytes.view())) {
    out.binary_deps.push_back({path, std::string(bytes.view()), groups_before});
    return false;
  }
  if (named_wasm(path)) {
    out.diags.report(not_wasm_binary(path, bytes.view()));
    ++out.rejected_files;
    return false;
  }
  add_wit_file(path, std::move(bytes), sources, group);
  return true;
}

// The entries of `deps` in name order: directories and `.wit` files are
// groups of their own, `.wasm`/`.wat` files binary packages.
void load_deps(const std::string& deps, SourceMap& sources, const SourceProvider& provider, LoadedPath& out) {
  std::error_code ec;
  std::vector<SourceProvider::Entry> entries = provider.list(deps, ec);
  if (ec) {
    Diagnostic d = Diagnostic::file_error(DiagCode::PathUnreadable, deps,
                                          "failed to parse dependency directory: " + deps + ": failed to read directory");
    out.diags.report(std::move(d.with_note(ec.message())));
    return;
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const SourceProvider::Entry& entry : entries) {
    std::error_code e2;
    bool is_dir = is_directory(entry, provider, e2);
    if (e2) {
      // A dangling symlink, say: the reference stops here too.
      read_error(out.diags, DiagCode::PathUnreadable, entry.path,
                 "failed to parse dependency directory: " + deps + ": cannot read `" + entry.name + "`: " + e2.message());
      continue;
    }
    if (is_dir) {
      out.deps.push_back(list_dir_group(entry.path, provider));
      continue;
    }
    const std::string& name = entry.name;
    if (!has_suffix(name, ".wit") && !has_suffix(name, ".wat") && !has_suffix(name, ".wasm")) continue;
    SourceGroup group;
    group.path = entry.path;
    if (load_loose_file(entry.path, out.deps.size(), sources, provider, out, group)) out.deps.push_back(std::move(group));
  }
}

}  // namespace

LoadedPath load_path(const std::string& path, SourceMap& sources, const SourceProvider& provider) {
  LoadedPath out;
  out.provider = &provider;
  std::error_code ec;
  out.is_directory = provider.kind_of(path, ec) == SourceProvider::Kind::Directory;
  if (!out.is_directory) {
    out.main.path = path;
    if (load_loose_file(path, 0, sources, provider, out, out.main)) {
      std::vector<LoadedFile*> all{&out.main.files.back()};
      read_and_parse(sources, all, provider);
    }
    return out;
  }
  out.main = list_dir_group(path, provider);
  std::string deps = join(path, "deps");
  if (provider.kind_of(deps, ec) != SourceProvider::Kind::Missing) load_deps(deps, sources, provider, out);
  // Many files are read and parsed now, on two threads. A few are left to
  // read_and_parse_group, group by group: then each group's trees can be
  // freed before the next is parsed, and the memory is reused (for a small
  // package, fresh pages are a good part of the run time).
  std::vector<LoadedFile*> all;
  for (LoadedFile& f : out.main.files) all.push_back(&f);
  for (SourceGroup& g : out.deps) {
    for (LoadedFile& f : g.files) all.push_back(&f);
  }
  if (all.size() >= kParallelFiles) read_and_parse(sources, all, provider);
  return out;
}

LoadedPath load_text(const std::string& name, std::string text, SourceMap& sources) {
  LoadedPath out;
  out.main.path = name;
  if (looks_like_wasm(text)) {
    out.binary_deps.push_back({name, std::move(text), 0});
    return out;
  }
  add_wit_file(name, SourceText(std::move(text)), sources, out.main);
  std::vector<LoadedFile*> all{&out.main.files.back()};
  read_and_parse(sources, all, disk_sources());  // (already read: nothing is read from disk)
  return out;
}

}  // namespace plumb
