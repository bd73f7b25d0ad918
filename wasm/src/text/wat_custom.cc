#include "wat_custom.h"

#include <cstdio>
#include <string>
#include <vector>

#include "wat_data_reader.h"

namespace plumb::wasm::text {
namespace {

struct ProducerValue {
  std::string field, name, version;
};

void read_fields(DataReader& r, uint32_t fields, std::vector<ProducerValue>& out) {
  for (uint32_t i = 0; i < fields; ++i) {
    size_t at = r.offset();
    std::string field = r.string();
    if (field != "language" && field != "sdk" && field != "processed-by") {
      raise_at_byte(DiagCode::MalformedBinary, at, "invalid producers field name: `" + field + "`");
    }
    uint32_t values = r.u32();
    for (uint32_t j = 0; j < values; ++j) {
      std::string name = r.string();
      out.push_back({field, std::move(name), r.string()});
    }
  }
  if (!r.eof()) {
    raise_at_byte(DiagCode::MalformedBinary, r.offset(), "section size mismatch: unexpected data at the end of the section");
  }
}

// A section wasmprinter could not read: what is wrong, then its bytes.
void print_unreadable(WatWriter& out, const Section& s, const DataError& e) {
  char at[32];
  std::snprintf(at, sizeof at, " (at offset 0x%zx)", e.offset);
  out.newline();
  out.write(";; failed to parse custom section `" + s.custom_name + "`: " + e.message + at);
  print_raw_custom_section(out, s);
}

// Whether the data starts with a count wasmparser reads (all a branch hint
// section must have for wasmprinter to leave it out).
bool starts_with_count(const Section& s) {
  DataReader r(s.custom_data, 0);
  try {
    r.u32();
    return true;
  } catch (const DiagnosticError&) {
    return false;
  }
}

// False (nothing printed) when the section's count cannot be read.
bool print_producers(WatWriter& out, const Section& s) {
  DataReader r(s.custom_data, data_offset(s));
  uint32_t fields = 0;
  try {
    fields = r.u32();
  } catch (const DiagnosticError&) {
    return false;
  }
  std::vector<ProducerValue> values;
  try {
    read_fields(r, fields, values);
  } catch (const DiagnosticError& e) {
    print_unreadable(out, s, data_error(e));
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

}  // namespace

void print_raw_custom_section(WatWriter& out, const Section& s) {
  out.newline();
  out.start_group("@custom ");
  out.quoted_string(s.custom_name);
  out.write(" ");
  out.quoted_bytes(s.custom_data);
  out.end_group();
}

void print_custom_section(WatWriter& out, const Section& s) {
  // Names are used in place of indices, not printed.
  if (s.custom_name == "name" || s.custom_name == "component-name") return;
  if (s.custom_name == "metadata.code.branch_hint" && starts_with_count(s)) return;
  if (s.custom_name == "producers" && print_producers(out, s)) return;
  if (s.custom_name == "dylink.0") {
    DataError error;
    if (print_dylink0(out, s, error)) return;
    print_unreadable(out, s, error);
    return;
  }
  print_raw_custom_section(out, s);
}

}  // namespace plumb::wasm::text
