// The encodings of the binary format's primitives, appended to a string:
// unsigned LEB128, the signed 33-bit LEB128 of type indices used as value
// types, length-prefixed names, value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plumb/wasm/component_syntax.h"

namespace plumb::wasm {

inline void put_byte(std::string& out, uint8_t b) { out.push_back(static_cast<char>(b)); }

inline void put_u32(std::string& out, uint32_t v) {
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    if (v) b |= 0x80;
    put_byte(out, b);
  } while (v);
}

inline size_t u32_size(uint32_t v) {
  size_t n = 1;
  while (v >>= 7) ++n;
  return n;
}

// Type indices as value types are signed 33-bit LEB128s.
inline void put_s33(std::string& out, int64_t v) {
  for (;;) {
    uint8_t b = v & 0x7f;
    v >>= 7;
    bool done = (v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40));
    if (!done) b |= 0x80;
    put_byte(out, b);
    if (done) break;
  }
}

inline void put_name(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

inline void put_valtype(std::string& out, const ValType& v) {
  if (v.is_prim) put_byte(out, static_cast<uint8_t>(v.prim));
  else put_s33(out, v.index);
}

inline void put_optional_valtype(std::string& out, const std::optional<ValType>& v) {
  put_byte(out, v ? 1 : 0);
  if (v) put_valtype(out, *v);
}

// A sort: one byte, or `00 11` for a core module.
inline void put_sort(std::string& out, Sort s) {
  if (s == Sort::CoreModule) {
    put_byte(out, 0x00);
    put_byte(out, 0x11);
  } else {
    put_byte(out, static_cast<uint8_t>(s));
  }
}

// What an import or export declares (`externdesc`).
inline void put_extern_type(std::string& out, const ExternType& t) {
  put_sort(out, t.kind);
  switch (t.kind) {
    case Sort::Value: put_valtype(out, t.value); break;
    case Sort::Type:
      if (t.sub_resource) {
        put_byte(out, 0x01);
      } else {
        put_byte(out, 0x00);
        put_u32(out, t.index);
      }
      break;
    default: put_u32(out, t.index); break;
  }
}

// An import/export name: `00 name`, or `02 name count` and each attribute
// present (implements 00, version suffix 01, external id 02), in that order.
inline void put_extern_name(std::string& out, std::string_view name, const std::optional<std::string_view>& implements,
                            const std::optional<std::string_view>& version_suffix,
                            const std::optional<std::string_view>& external_id) {
  uint32_t attrs = implements.has_value() + version_suffix.has_value() + external_id.has_value();
  put_byte(out, attrs ? 0x02 : 0x00);
  put_name(out, name);
  if (!attrs) return;
  put_u32(out, attrs);
  uint8_t kind = 0;
  for (const auto* attr : {&implements, &version_suffix, &external_id}) {
    if (attr->has_value()) {
      put_byte(out, kind);
      put_name(out, **attr);
    }
    ++kind;
  }
}

}  // namespace plumb::wasm
