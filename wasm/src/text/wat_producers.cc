#include "wat_producers.h"

#include <cstdio>
#include <string>
#include <vector>

#include "plumb/support/utf8.h"

namespace plumb::wasm::text {
namespace {

struct ProducerValue {
  std::string field, name, version;
};

struct ProducersError {
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
      if (eof()) throw ProducersError{"unexpected end-of-file", offset()};
      auto b = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 28 && (b & 0x70) != 0) throw ProducersError{"invalid var_u32: integer too large", start};
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      if (shift == 28) throw ProducersError{"invalid var_u32: integer representation too long", start};
    }
  }

  std::string string() {
    uint32_t len = u32();
    if (len > data_.size() - pos_) throw ProducersError{"unexpected end-of-file", offset()};
    std::string out(data_.substr(pos_, len));
    if (!valid_utf8(out)) throw ProducersError{"malformed UTF-8 encoding", offset()};
    pos_ += len;
    return out;
  }

 private:
  std::string_view data_;
  size_t base_;
  size_t pos_ = 0;
};

size_t leb_size(size_t n) {
  size_t bytes = 1;
  while (n >= 0x80) n >>= 7, ++bytes;
  return bytes;
}

// Where the section's data starts in the binary (its LEBs written minimally).
size_t data_offset(const Section& s) {
  size_t name = leb_size(s.custom_name.size()) + s.custom_name.size();
  return s.offset + 1 + leb_size(name + s.custom_data.size()) + name;
}

void read_fields(DataReader& r, uint32_t fields, std::vector<ProducerValue>& out) {
  for (uint32_t i = 0; i < fields; ++i) {
    size_t at = r.offset();
    std::string field = r.string();
    if (field != "language" && field != "sdk" && field != "processed-by") {
      throw ProducersError{"invalid producers field name: `" + field + "`", at};
    }
    uint32_t values = r.u32();
    for (uint32_t j = 0; j < values; ++j) {
      std::string name = r.string();
      out.push_back({field, std::move(name), r.string()});
    }
  }
  if (!r.eof()) throw ProducersError{"section size mismatch: unexpected data at the end of the section", r.offset()};
}

void print_raw(WatWriter& out, const Section& s) {
  out.newline();
  out.start_group("@custom ");
  out.quoted_string(s.custom_name);
  out.write(" ");
  out.quoted_bytes(s.custom_data);
  out.end_group();
}

}  // namespace

bool print_producers(WatWriter& out, const Section& s) {
  DataReader r(s.custom_data, data_offset(s));
  uint32_t fields = 0;
  try {
    fields = r.u32();
  } catch (const ProducersError&) {
    return false;
  }
  std::vector<ProducerValue> values;
  try {
    read_fields(r, fields, values);
  } catch (const ProducersError& e) {
    char at[32];
    std::snprintf(at, sizeof at, " (at offset 0x%zx)", e.offset);
    out.newline();
    out.write(";; failed to parse custom section `producers`: " + e.message + at);
    print_raw(out, s);
    return true;
  }
  out.newline();
  out.start_group("@producers");
  for (const ProducerValue& v : values) {
    out.newline();
    out.start_group(v.field + " ");
    out.quoted_string(v.name);
    out.write(" ");
    out.quoted_string(v.version);
    out.end_group();
  }
  out.end_group();
  return true;
}

}  // namespace plumb::wasm::text
