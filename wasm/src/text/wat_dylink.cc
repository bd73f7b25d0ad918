// The dylink.0 custom section (a dynamic library's linking metadata) as
// wasmprinter prints it: one line per subsection, and one per entry of the
// export-info and import-info subsections.
#include <cstdio>
#include <string>
#include <vector>

#include "plumb/diagnostics/diagnostic_error.h"
#include "wat_custom.h"
#include "wat_data_reader.h"

namespace plumb::wasm::text {
namespace {

// The symbol flags wasmprinter names, in the order it prints them.
constexpr std::pair<uint32_t, const char*> kSymbolFlags[] = {
    {1u << 0, "binding-weak"}, {1u << 1, "binding-local"}, {1u << 2, "visibility-hidden"},
    {1u << 4, "undefined"},    {1u << 5, "exported"},      {1u << 6, "explicit-name"},
    {1u << 7, "no-strip"},     {1u << 8, "tls"},           {1u << 9, "absolute"},
};

std::string symbol_flags(uint32_t flags) {
  std::string out;
  for (const auto& [bit, name] : kSymbolFlags) {
    if (!(flags & bit)) continue;
    flags &= ~bit;
    out += std::string(" ") + name;
  }
  if (flags != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %#x", flags);
    out += buf;
  }
  return out;
}

std::string quoted(std::string_view s) {
  WatWriter w;
  w.quoted_string(s);
  return w.take();
}

// ` "a" "b"`: a vector of strings.
std::string strings(DataReader& r) {
  std::string out;
  uint32_t n = r.u32();
  for (uint32_t i = 0; i < n; ++i) out += " " + quoted(r.string());
  return out;
}

std::string mem_info(DataReader& r) {
  uint32_t memory_size = r.u32(), memory_alignment = r.u32();
  uint32_t table_size = r.u32(), table_alignment = r.u32();
  std::string out = "(mem-info";
  if (memory_size > 0 || memory_alignment > 0) {
    out += " (memory " + std::to_string(memory_size) + " " + std::to_string(memory_alignment) + ")";
  }
  if (table_size > 0 || table_alignment > 0) {
    out += " (table " + std::to_string(table_size) + " " + std::to_string(table_alignment) + ")";
  }
  return out + ")";
}

// The lines of one subsection.
void subsection(uint8_t id, DataReader& r, std::vector<std::string>& lines) {
  switch (id) {
    case 1: lines.push_back(mem_info(r)); return;
    case 2: lines.push_back("(needed" + strings(r) + ")"); return;
    case 5: lines.push_back("(runtime-path" + strings(r) + ")"); return;
    case 3:
    case 4: {
      uint32_t n = r.u32();
      for (uint32_t i = 0; i < n; ++i) {
        std::string line = id == 3 ? "(export-info " : "(import-info ";
        line += quoted(r.string());
        if (id == 4) line += " " + quoted(r.string());
        lines.push_back(line + symbol_flags(r.u32()) + ")");
      }
      return;
    }
    default:
      // wasmprinter gives up on the whole binary here.
      raise_at_byte(DiagCode::MalformedBinary, r.offset(), "don't know how to print dylink.0 subsection id " + std::to_string(id));
  }
}

}  // namespace

bool print_dylink0(WatWriter& out, const Section& s, DataError& error) {
  DataReader r(s.custom_data, data_offset(s));
  std::vector<std::string> lines;
  try {
    while (!r.eof()) {
      size_t id_at = r.offset();
      uint8_t id = r.u8();
      if (id & 0x80) raise_at_byte(DiagCode::MalformedBinary, id_at, "invalid u7");
      DataReader body = r.sub(r.u32());
      subsection(id, body, lines);
    }
  } catch (const DiagnosticError& e) {
    error = data_error(e);
    return false;
  }
  out.newline();
  out.start_group("@dylink.0");
  for (const std::string& line : lines) {
    out.newline();
    out.write(line);
  }
  out.end_group();
  return true;
}

}  // namespace plumb::wasm::text
