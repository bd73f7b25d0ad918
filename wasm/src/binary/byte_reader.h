// A bounds-checked cursor over the bytes of a component binary, and the
// readers of the pieces that several sections share (value types, sorts,
// names, extern types). Private to the binary reader.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/support/utf8.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm::binary {

constexpr std::string_view kMagic("\0asm", 4);
constexpr DiagCode kMalformed = DiagCode::MalformedBinary;

inline std::string hex(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

// A cursor over a byte range; every read checks the bounds.
class Reader {
 public:
  Reader(std::string_view bytes, size_t base) : bytes_(bytes), base_(base) {}

  size_t offset() const { return base_ + pos_; }
  bool eof() const { return pos_ >= bytes_.size(); }

  uint8_t u8() {
    if (eof()) raise_at_byte(kMalformed, offset(), "unexpected end-of-file");
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  uint8_t peek() const {
    if (eof()) raise_at_byte(kMalformed, offset(), "unexpected end-of-file");
    return static_cast<uint8_t>(bytes_[pos_]);
  }

  uint32_t u32() {
    size_t start = offset();
    uint64_t result = 0;
    for (unsigned shift = 0;; shift += 7) {
      uint8_t b = u8();
      if (shift == 28 && (b & 0x70) != 0) raise_at_byte(kMalformed, start, "invalid var_u32: integer too large");
      result |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      if (shift == 28) raise_at_byte(kMalformed, start, "invalid var_u32: integer representation too long");
    }
    return static_cast<uint32_t>(result);
  }

  // A signed 33-bit LEB128 (type indices used as value types); negative
  // values are not indices.
  uint32_t s33_index() {
    size_t start = offset();
    int64_t result = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
      b = u8();
      if (shift == 28 && (b & 0x80))
        raise_at_byte(kMalformed, start, "invalid var_s33: integer representation too long");
      result |= static_cast<int64_t>(b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) result |= -(static_cast<int64_t>(1) << shift);
    if (result < 0 || result > UINT32_MAX) raise_at_byte(kMalformed, start, "invalid value type index");
    return static_cast<uint32_t>(result);
  }

  std::string_view bytes(size_t n) {
    if (n > bytes_.size() - pos_) raise_at_byte(kMalformed, offset(), "unexpected end-of-file");
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  std::string string() {
    size_t start = offset();
    uint32_t len = u32();
    std::string_view s = bytes(len);
    if (!valid_utf8(s)) raise_at_byte(kMalformed, start, "invalid UTF-8 encoding");
    return std::string(s);
  }

  // A vector length that cannot exceed what is left (each item is at least
  // one byte), so a corrupt count cannot make us allocate wildly.
  uint32_t count() {
    size_t start = offset();
    uint32_t n = u32();
    if (n > bytes_.size() - pos_) raise_at_byte(kMalformed, start, "vector length exceeds the remaining bytes");
    return n;
  }

 private:
  std::string_view bytes_;
  size_t base_;
  size_t pos_ = 0;
};

[[noreturn]] inline void bad_byte(uint8_t b, const char* what, size_t at) {
  raise_at_byte(kMalformed, at, "invalid leading byte (" + hex(b) + ") for " + what);
}

ValType read_valtype(Reader& r);
std::optional<ValType> read_opt_valtype(Reader& r);
Sort read_sort(Reader& r);
ExternName read_extern_name(Reader& r);
ExternType read_extern_type(Reader& r);

// The sections of a component whose preamble starts at `bytes` (at offset
// `base` of the whole binary); nested components are read the same way.
Component read_sections(std::string_view bytes, size_t base, int depth);

// The instance (5) and canon (8) sections' bodies.
void read_instances(Reader& r, std::vector<ComponentInstance>& out);
void read_canons(Reader& r, std::vector<CanonFunc>& out);

}  // namespace plumb::wasm::binary
