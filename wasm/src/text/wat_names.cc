#include "wat_names.h"

#include <set>
#include <string_view>

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/support/utf8.h"

namespace plumb::wasm::text {
namespace {

// The characters of a WebAssembly text identifier.
bool is_idchar(char32_t c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::u32string_view(U"!#$%&'*+-./:<=>?@\\^_`|~").find(c) != std::u32string_view::npos;
}

Naming make_naming(const std::string& name, uint32_t index, const char* group, std::set<std::string>* used) {
  Naming n{name, false, ""};
  for (size_t i = 0; i < name.size();) {
    size_t len = 1;
    if (!is_idchar(decode_utf8(name, i, len))) n.quoted = true;
    i += len;
  }
  bool reused = used && !used->insert(name).second;
  if (name.empty() || name[0] == '#' || reused) n.synthetic = "#" + std::string(group) + std::to_string(index);
  return n;
}


// Reads name section data; any fault raises a DiagnosticError.
class NameReader {
 public:
  explicit NameReader(std::string_view data) : data_(data) {}
  bool eof() const { return pos_ >= data_.size(); }
  uint8_t u8() {
    if (eof()) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint32_t u32() {
    uint32_t result = 0;
    for (unsigned shift = 0;; shift += 7) {
      uint8_t b = u8();
      if (shift == 28 && (b & 0x70) != 0) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      if (shift == 28) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
    }
  }
  std::string_view bytes(size_t n) {
    if (n > data_.size() - pos_) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
    std::string_view out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  std::string string() {
    std::string out(bytes(u32()));
    if (!valid_utf8(out)) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
    return out;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// A name map (count, then index and name pairs) into `into`; the names
// read before a fault are kept.
void read_name_map(NameReader& r, std::map<uint32_t, Naming>& into, const char* group) {
  std::set<std::string> used;
  uint32_t n = r.u32();
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t index = r.u32();
    into[index] = make_naming(r.string(), index, group, &used);
  }
  if (!r.eof()) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
}

// The sort of a `component-name` map: its space and the group of made-up names.
bool component_sort(NameReader& r, Space& space, const char*& group) {
  static constexpr std::pair<uint8_t, std::pair<Space, const char*>> kCore[] = {
      {0x00, {Space::CoreFunc, "core-func"}},     {0x01, {Space::CoreTable, "core-table"}},
      {0x02, {Space::CoreMemory, "core-memory"}}, {0x03, {Space::CoreGlobal, "core-global"}},
      {0x04, {Space::CoreTag, "core-tag"}},       {0x10, {Space::CoreType, "core-type"}},
      {0x11, {Space::CoreModule, "core-module"}}, {0x12, {Space::CoreInstance, "core-instance"}},
  };
  static constexpr std::pair<uint8_t, std::pair<Space, const char*>> kSorts[] = {
      {0x01, {Space::Func, "func"}},           {0x02, {Space::Value, "value"}},       {0x03, {Space::Type, "type"}},
      {0x04, {Space::Component, "component"}}, {0x05, {Space::Instance, "instance"}},
  };
  uint8_t sort = r.u8();
  auto find = [&](const auto& table, uint8_t byte) {
    for (const auto& [b, entry] : table) {
      if (b == byte) {
        space = entry.first;
        group = entry.second;
        return true;
      }
    }
    return false;
  };
  return sort == 0x00 ? find(kCore, r.u8()) : find(kSorts, sort);
}

std::string read_own_name(NameReader& r) {
  std::string name = r.string();
  if (!r.eof()) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");
  return name;
}

void read_component_names(std::string_view data, ComponentNames& out) {
  NameReader r(data);
  while (!r.eof()) {
    uint8_t id = r.u8();
    if (id & 0x80) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");  // not a u7
    NameReader sub(r.bytes(r.u32()));
    if (id == 0) {
      out.component = make_naming(read_own_name(sub), 0, "component", nullptr);
    } else if (id == 1) {
      Space space;
      const char* group;
      if (component_sort(sub, space, group)) read_name_map(sub, out.items[static_cast<size_t>(space)], group);
    }
  }
}

// A core `name` section: the module name and the maps of the core spaces
// a component has (locals, labels and fields are skipped).
void read_core_names(std::string_view data, ComponentNames& out) {
  NameReader r(data);
  while (!r.eof()) {
    uint8_t id = r.u8();
    if (id & 0x80) raise_at_byte(DiagCode::MalformedBinary, 0, "malformed name section");  // not a u7
    NameReader sub(r.bytes(r.u32()));
    auto map = [&](Space space, const char* group) {
      read_name_map(sub, out.items[static_cast<size_t>(space)], group);
    };
    switch (id) {
      case 0: out.component = make_naming(read_own_name(sub), 0, "module", nullptr); break;
      case 1: map(Space::CoreFunc, "func"); break;
      case 4: map(Space::CoreType, "type"); break;
      case 5: map(Space::CoreTable, "table"); break;
      case 6: map(Space::CoreMemory, "memory"); break;
      case 7: map(Space::CoreGlobal, "global"); break;
      case 11: map(Space::CoreTag, "tag"); break;
      default: break;
    }
  }
}

}  // namespace

void Naming::write_reference(WatWriter& out) const {
  if (!synthetic.empty()) {
    out.write("$\"" + synthetic + " ");
    out.string_contents(name);
    out.write("\"");
  } else if (quoted) {
    out.write("$\"");
    out.string_contents(name);
    out.write("\"");
  } else {
    out.write("$" + name);
  }
}

void Naming::write_definition(WatWriter& out) const {
  write_reference(out);
  if (synthetic.empty()) return;
  out.write(" ");
  out.start_group("@name \"");
  out.string_contents(name);
  out.write("\"");
  out.end_group();
}

const Naming* ComponentNames::find(Space space, uint32_t index) const {
  const auto& map = items[static_cast<size_t>(space)];
  auto it = map.find(index);
  return it == map.end() ? nullptr : &it->second;
}

ComponentNames read_names(const Component& component) {
  ComponentNames out;
  for (const Section& s : component.sections) {
    if (s.id != Section::Id::Custom) continue;
    try {
      if (s.custom_name == "component-name") read_component_names(s.custom_data, out);
      if (s.custom_name == "name") read_core_names(s.custom_data, out);
    } catch (const DiagnosticError&) {
      // wasmprinter ignores what it cannot read.
    }
  }
  return out;
}

}  // namespace plumb::wasm::text
