#include "binary_package.h"

#include <cstdio>

#include "decode_package.h"
#include "merge.h"
#include "unresolved.h"
#include "wat_parser.h"

namespace plumb {
namespace {

std::string hex(size_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%zx", v);
  return buf;
}

bool is_binary(const std::string& contents) { return contents.compare(0, 4, std::string("\0asm", 4)) == 0; }

}  // namespace

std::optional<PackageId> load_binary_package(const std::string& path, const std::string& contents, Resolve& r,
                                             Diagnostics& diags) {
  std::string converted;
  const std::string* bytes = &contents;
  if (!is_binary(contents)) {
    // WebAssembly text: errors point into it, so it joins the source map.
    FileId file = r.sources.add(path, contents);
    const SourceFile& source = r.sources.file(file);
    try {
      converted = wat_to_binary(source.text());
    } catch (const WatError& e) {
      uint32_t start = source.base() + static_cast<uint32_t>(e.offset);
      diags.report(Diagnostic::error(e.code, Span(start, start + static_cast<uint32_t>(e.length ? e.length : 1)),
                                     "invalid WebAssembly text in [" + path + "]: " + e.message));
      return std::nullopt;
    }
    bytes = &converted;
  }

  Resolve decoded;
  PackageId pkg;
  try {
    pkg = decode_wit_package(*bytes, decoded, r.strings);
  } catch (const DecodeError& e) {
    std::string message = "failed to decode WIT package [" + path + "]: " + e.message;
    if (e.offset) message += " (at byte offset " + hex(*e.offset) + (bytes == &converted ? " of its binary form)" : ")");
    diags.report(Diagnostic::file_error(e.code, path, std::move(message)));
    return std::nullopt;
  }
  try {
    std::vector<PackageId> ids = merge_resolve(r, std::move(decoded));
    return ids[pkg.index];
  } catch (ResolveError& e) {
    e.diag.message = "failed to merge WIT package [" + path + "]: " + e.diag.message;
    diags.report(std::move(e.diag));
    return std::nullopt;
  }
}

}  // namespace plumb
