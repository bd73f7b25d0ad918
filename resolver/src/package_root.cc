#include "plumb/resolver/package_root.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "directory.h"
#include "plumb/parser/lexer.h"
#include "plumb/support/utf8.h"
#include "plumb/resolver/loader.h"

namespace plumb {
namespace fs = std::filesystem;

namespace {

// The `package ns:name[@version];` header of a WIT file, as text, or "" if
// it has none.
std::string header_of(const std::string& file) {
  SourceText text;
  // A file that is not UTF-8 has no header to compare (the loader reports
  // it); the lexer is never given invalid text.
  if (!read_source(file, text) || !valid_utf8(text.view())) return {};
  Lexer lex(text.view(), 0);
  if (lex.next().kind != Tok::Package) return {};
  std::string header;
  for (int i = 0; i < 64; ++i) {
    Token t = lex.next();
    if (t.kind == Tok::Semicolon) return header;
    if (t.kind == Tok::LBrace || t.kind == Tok::Eof || t.kind == Tok::Error) return {};
    header += lex.text_of(t);
  }
  return {};
}

std::string dir_of(const fs::path& p) {
  fs::path parent = p.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

std::string package_root(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return path;
  fs::path p(path);

  // 1. Where a package X reads its dependencies: X/deps/name.wit or
  // X/deps/name/file.wit (deeper files are read by no package).
  std::vector<fs::path> parts(p.begin(), p.end());
  for (size_t up : {size_t{2}, size_t{3}}) {
    if (parts.size() < up || parts[parts.size() - up] != "deps") continue;
    fs::path root;
    for (size_t k = 0; k + up < parts.size(); ++k) root /= parts[k];
    return root.empty() ? std::string(".") : root.string();
  }
  // A binary package (.wasm, .wat) beside WIT files is no part of their
  // package (a directory's package is its .wit files): it is a package by
  // itself.
  if (p.extension() == ".wasm" || p.extension() == ".wat") return path;
  std::string dir = dir_of(p);
  // 2. A package directory with dependencies.
  if (fs::is_directory(fs::path(dir) / "deps", ec)) return dir;
  // 3. Siblings that agree on the package.
  // A directory that cannot be listed gives no siblings to agree with: the
  // file stands for itself (reading it reports any problem with it).
  std::vector<DirEntry> entries = list_directory(dir, ec);
  if (ec) return path;
  // The file's own header is read only once a sibling needs comparing: a
  // pipe (`plumb check <(...)`) can be read only once, by the loader.
  std::string header;
  bool any_sibling = false;
  for (const DirEntry& e : entries) {
    std::error_code e2;
    if (fs::path(e.name).extension() != ".wit" || e.name == p.filename() || e.is_directory(e2)) continue;
    if (!any_sibling) header = header_of(path);
    any_sibling = true;
    std::string other = header_of(e.path);
    if (other.empty()) continue;
    if (header.empty()) header = other;
    else if (other != header) return path;
  }
  return any_sibling ? dir : path;
}

}  // namespace plumb
