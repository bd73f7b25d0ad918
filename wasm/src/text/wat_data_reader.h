// Reading the data of the custom sections wasmprinter interprets, with
// wasmparser's messages and whole-binary offsets for what goes wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plumb/support/utf8.h"
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm::text {

// A fault in a custom section, with wasmparser's message.
struct DataError {
  std::string message;
  size_t offset;
};

// What a DiagnosticError raised while reading a section says, kept to print
// as wasmprinter's `;; failed to parse` comment.
inline DataError data_error(const DiagnosticError& e) { return DataError{e.diag.message, e.diag.span.start}; }

// Reads the section's data (a fault raises a DiagnosticError at its byte
// offset); offsets are those of the whole binary.
class DataReader {
 public:
  DataReader(std::string_view data, size_t base) : data_(data), base_(base) {}

  size_t offset() const { return base_ + pos_; }
  bool eof() const { return pos_ >= data_.size(); }

  uint32_t u32() {
    uint32_t result = 0;
    size_t start = offset();
    for (unsigned shift = 0;; shift += 7) {
      if (eof()) raise_at_byte(DiagCode::MalformedBinary, offset(), "unexpected end-of-file");
      auto b = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 28 && (b & 0x70) != 0) raise_at_byte(DiagCode::MalformedBinary, start, "invalid var_u32: integer too large");
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      if (shift == 28) raise_at_byte(DiagCode::MalformedBinary, start, "invalid var_u32: integer representation too long");
    }
  }

  uint8_t u8() {
    if (eof()) raise_at_byte(DiagCode::MalformedBinary, offset(), "unexpected end-of-file");
    return static_cast<uint8_t>(data_[pos_++]);
  }

  // The next `size` bytes (a subsection), read on their own.
  DataReader sub(uint32_t size) {
    if (size > data_.size() - pos_) raise_at_byte(DiagCode::MalformedBinary, offset(), "unexpected end-of-file");
    DataReader out(data_.substr(pos_, size), offset());
    pos_ += size;
    return out;
  }

  std::string string() {
    uint32_t len = u32();
    if (len > data_.size() - pos_) raise_at_byte(DiagCode::MalformedBinary, offset(), "unexpected end-of-file");
    std::string out(data_.substr(pos_, len));
    if (!valid_utf8(out)) raise_at_byte(DiagCode::MalformedBinary, offset(), "malformed UTF-8 encoding");
    pos_ += len;
    return out;
  }

 private:
  std::string_view data_;
  size_t base_;
  size_t pos_ = 0;
};

inline size_t leb_size(size_t n) {
  size_t bytes = 1;
  while (n >= 0x80) n >>= 7, ++bytes;
  return bytes;
}

// Where the section's data starts in the binary (its LEBs written minimally).
inline size_t data_offset(const Section& s) {
  size_t name = leb_size(s.custom_name.size()) + s.custom_name.size();
  return s.offset + 1 + leb_size(name + s.custom_data.size()) + name;
}

}  // namespace plumb::wasm::text
