// Reading the data of the custom sections wasmprinter interprets, with
// wasmparser's messages and whole-binary offsets for what goes wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plumb/support/utf8.h"
#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm::text {

// A fault in a custom section, with wasmparser's message.
struct DataError {
  std::string message;
  size_t offset;
};

// Reads the section's data; offsets are those of the whole binary.
class DataReader {
 public:
  DataReader(std::string_view data, size_t base) : data_(data), base_(base) {}

  size_t offset() const { return base_ + pos_; }
  bool eof() const { return pos_ >= data_.size(); }

  uint32_t u32() {
    uint32_t result = 0;
    size_t start = offset();
    for (unsigned shift = 0;; shift += 7) {
      if (eof()) throw DataError{"unexpected end-of-file", offset()};
      auto b = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 28 && (b & 0x70) != 0) throw DataError{"invalid var_u32: integer too large", start};
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      if (shift == 28) throw DataError{"invalid var_u32: integer representation too long", start};
    }
  }

  uint8_t u8() {
    if (eof()) throw DataError{"unexpected end-of-file", offset()};
    return static_cast<uint8_t>(data_[pos_++]);
  }

  // The next `size` bytes (a subsection), read on their own.
  DataReader sub(uint32_t size) {
    if (size > data_.size() - pos_) throw DataError{"unexpected end-of-file", offset()};
    DataReader out(data_.substr(pos_, size), offset());
    pos_ += size;
    return out;
  }

  std::string string() {
    uint32_t len = u32();
    if (len > data_.size() - pos_) throw DataError{"unexpected end-of-file", offset()};
    std::string out(data_.substr(pos_, len));
    if (!valid_utf8(out)) throw DataError{"malformed UTF-8 encoding", offset()};
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
