#include "plumb/component/binary_package.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "decode_package.h"
#include "plumb/model/merge.h"
#include "plumb/wasm/wat_parser.h"

namespace plumb {
namespace {

std::string hex(size_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%zx", v);
  return buf;
}

// Where in the binary a decoding error is: " (at byte offset 0x1c, in the
// type section at 0x8)", or "" when that is not known. The error's span is
// the byte offset, its label the section (see wasm::label_section).
std::string where(const Diagnostic& d, bool of_text) {
  if (!d.span.known()) return {};
  std::string out = " (at byte offset " + hex(d.span.start);
  if (!d.secondary.empty()) {
    const Label& section = d.secondary.front();
    out += ", in the " + section.message + " at " + hex(section.span.start);
  }
  return out + (of_text ? " of its binary form)" : ")");
}

bool is_binary(const std::string& contents) { return contents.compare(0, 4, std::string("\0asm", 4)) == 0; }

}  // namespace

std::optional<PackageId> load_binary_package(const std::string& path, const std::string& contents, Resolve& r,
                                             Diagnostics& diags, BinaryKinds kinds) {
  std::string converted;
  const std::string* bytes = &contents;
  if (!is_binary(contents)) {
    // WebAssembly text: errors point into it, so it joins the source map.
    FileId file = r.sources.add(path, contents);
    const SourceFile& source = r.sources.file(file);
    Expected<std::string> binary = wat_to_binary(source.text());
    if (!binary) {
      // The error's span is in the text's own offsets, and may be empty.
      Diagnostic d = std::move(binary).error();
      uint32_t start = source.base() + d.span.start;
      d.span = Span(start, start + std::max<uint32_t>(d.span.size(), 1));
      d.message = "invalid WebAssembly text in [" + path + "]: " + d.message;
      d.file = path;
      diags.report(std::move(d));
      return std::nullopt;
    }
    converted = std::move(binary).value();
    bytes = &converted;
  }

  Resolve decoded;
  Expected<PackageId> pkg = decode_wit_package(
      *bytes, decoded, r.strings, kinds == BinaryKinds::PackageOnly ? Decodes::PackageOnly : Decodes::PackageOrComponent);
  if (!pkg) {
    const Diagnostic& e = pkg.error();
    std::string message = "failed to decode WIT package [" + path + "]: " + e.message;
    message += where(e, bytes == &converted);
    diags.report(Diagnostic::file_error(e.code, path, std::move(message)));
    return std::nullopt;
  }
  Expected<std::vector<PackageId>> ids = merge_resolve(r, std::move(decoded));
  if (!ids) {
    Diagnostic d = std::move(ids).error();
    d.message = "failed to merge WIT package [" + path + "]: " + d.message;
    if (d.file.empty()) d.file = path;
    diags.report(std::move(d));
    return std::nullopt;
  }
  return (*ids)[pkg->index];
}

}  // namespace plumb
