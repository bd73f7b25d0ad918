// Decoding a binary WIT package (the reference's wit-parser decoding.rs,
// "v2" encoding): a component whose every export is a component type with a
// single export — an instance for an interface, a component for a world.
//
// The result is a standalone Resolve holding the package and, before it,
// the parts of foreign packages it references (only the types and
// functions it uses), in the reference's order. It is merged into the
// Resolve being built with merge_resolve (merge.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plumb/model/model.h"

#include "plumb/diagnostics/codes.h"

namespace plumb {

struct DecodeError {
  std::string message;
  std::optional<size_t> offset;  // a byte offset in the binary, when one applies
  DiagCode code = DiagCode::UndecodableWit;
  // The section being read, when known: its id byte and where that is.
  std::optional<unsigned> section = std::nullopt;
  size_t section_offset = 0;
};

// Decodes `bytes` into `out`, which must be empty. Names, docs and versions
// are stored in `strings`, which must outlive `out` (it is usually the
// storage of the Resolve `out` will be merged into). Returns the package
// the binary encodes. Throws DecodeError.
PackageId decode_wit_package(std::string_view bytes, Resolve& out, Strings& strings);

}  // namespace plumb
