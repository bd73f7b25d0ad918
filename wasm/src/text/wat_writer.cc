#include "wat_writer.h"

#include <algorithm>
#include <cstdio>

#include "plumb/support/utf8.h"

namespace plumb::wasm::text {
namespace {

// Deeper groups are not indented further, so that a deeply nested binary
// does not print as mostly spaces.
constexpr size_t kMaxIndentedNesting = 50;

bool printable_ascii(uint32_t c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

}  // namespace

void WatWriter::start_group(std::string_view keyword) {
  out_ += '(';
  out_ += keyword;
  ++nesting_;
  group_lines_.push_back(line_);
}

void WatWriter::end_group() {
  --nesting_;
  size_t started = group_lines_.back();
  group_lines_.pop_back();
  if (started != line_) newline();
  out_ += ')';
}

void WatWriter::newline() {
  out_ += '\n';
  ++line_;
  for (size_t i = 0; i < std::min(nesting_, kMaxIndentedNesting); ++i) out_ += "  ";
}

void WatWriter::index_comment(uint32_t index) {
  out_ += "(;";
  out_ += std::to_string(index);
  out_ += ";)";
}

void WatWriter::quoted_string(std::string_view utf8) {
  out_ += '"';
  string_contents(utf8);
  out_ += '"';
}

void WatWriter::string_contents(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    size_t len = 1;
    char32_t c = decode_utf8(utf8, i, len);
    if (printable_ascii(c)) {
      out_ += static_cast<char>(c);
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c));
      out_ += buf;
    }
    i += len;
  }
}

void WatWriter::quoted_bytes(std::string_view bytes) {
  out_ += '"';
  for (char ch : bytes) {
    auto byte = static_cast<unsigned char>(ch);
    if (printable_ascii(byte)) {
      out_ += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%02x", byte);
      out_ += buf;
    }
  }
  out_ += '"';
}

}  // namespace plumb::wasm::text
