#include "file_checks.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "plumb/support/utf8.h"

namespace plumb {
namespace {

// How many bytes looks_like_utf16 inspects without a byte order mark.
constexpr size_t kUtf16Probe = 512;

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// `s` starts with `prefix`, ignoring ASCII case.
bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b);
  });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// An HTML document: `<!DOCTYPE html` or `<html` after an optional UTF-8
// byte order mark and whitespace, in any case.
bool looks_like_html(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  size_t i = 0;
  while (i < bytes.size() && is_space(bytes[i])) ++i;
  bytes.remove_prefix(i);
  return starts_with_nocase(bytes, "<!doctype html") || starts_with_nocase(bytes, "<html");
}

// UTF-8 text with no control characters but whitespace.
bool looks_like_text(std::string_view bytes) {
  if (!valid_utf8(bytes)) return false;
  return std::none_of(bytes.begin(), bytes.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !is_space(c)) || u == 0x7F;
  });
}

// The first (up to) four bytes, in hex.
std::string leading_bytes(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < std::min<size_t>(4, bytes.size()); ++i) {
    if (!out.empty()) out += ' ';
    out += hex_byte(static_cast<unsigned char>(bytes[i]));
  }
  return out;
}

}  // namespace

bool looks_like_utf16(std::string_view bytes) {
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) return true;
  std::string_view probe = bytes.substr(0, std::min(bytes.size(), kUtf16Probe) & ~size_t{1});
  if (probe.empty() || std::memchr(probe.data(), 0, probe.size()) == nullptr) return false;
  // ASCII characters in UTF-16 are a NUL and a byte that is not: little
  // endian puts the NUL second, big endian first. Most characters of a WIT
  // file are ASCII.
  size_t nul_first = 0, nul_second = 0;
  for (size_t i = 0; i < probe.size(); i += 2) {
    bool first = probe[i] == '\0', second = probe[i + 1] == '\0';
    nul_first += first && !second;
    nul_second += second && !first;
  }
  size_t pairs = probe.size() / 2;
  return std::max(nul_first, nul_second) * 2 > pairs;
}

std::optional<Diagnostic> encoding_problem(const SourceFile& file) {
  std::string_view text = file.text();
  if (looks_like_utf16(text)) {
    Diagnostic d = Diagnostic::error(DiagCode::Utf16File, Span(file.base(), file.base() + 1),
                                     "input file is UTF-16, not UTF-8 [" + file.path() + "]");
    d.file = file.path();
    d.with_help("convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`");
    return d;
  }
  size_t bad = invalid_utf8_offset(text);
  if (bad == std::string_view::npos) return std::nullopt;
  uint32_t at = file.base() + static_cast<uint32_t>(bad);
  Diagnostic d = Diagnostic::error(DiagCode::InvalidUtf8, Span(at, at + 1),
                                   "input file is not valid utf-8 [" + file.path() + "]");
  d.file = file.path();
  auto [line, column] = file.line_col(static_cast<uint32_t>(bad));
  d.with_note("byte " + hex_byte(static_cast<unsigned char>(text[bad])) + " at line " + std::to_string(line + 1) +
              ", column " + std::to_string(column + 1) + " is not valid UTF-8");
  return d;
}

Diagnostic not_wasm_binary(const std::string& path, std::string_view bytes) {
  Diagnostic d = Diagnostic::file_error(DiagCode::NotWasmBinary, path, "not a WebAssembly binary: " + path);
  if (bytes.empty()) {
    d.with_note("the file is empty");
  } else if (starts_with(bytes, "version https://git-lfs.github.com/spec/v1")) {
    d.with_note("this is a Git LFS pointer, not the file it stands for");
    d.with_help("run `git lfs pull` to fetch the real file");
  } else if (looks_like_html(bytes)) {
    d.with_note("this looks like an HTML page, perhaps an error page saved by a download");
  } else if (looks_like_utf16(bytes) || looks_like_text(bytes)) {
    d.with_note("this is text; a WebAssembly binary starts with the bytes `\\0asm` (WIT text belongs in a `.wit` file)");
  } else {
    d.with_note("it starts with the bytes " + leading_bytes(bytes) +
                "; a WebAssembly binary starts with 0x00 0x61 0x73 0x6D (`\\0asm`)");
  }
  return d;
}

}  // namespace plumb
