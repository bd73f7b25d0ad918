// Decoding a binary WIT package (the reference's wit-parser decoding.rs,
// "v2" encoding): a component whose every export is a component type with a
// single export — an instance for an interface, a component for a world;
// or the world of a concrete component.
//
// The result is a standalone Resolve holding the package and, before it,
// the parts of foreign packages it references (only the types and
// functions it uses), in the reference's order. It is merged into the
// Resolve being built with merge_resolve (merge.h).
#pragma once

#include <string_view>

#include "plumb/diagnostics/expected.h"
#include "plumb/model/model.h"

namespace plumb {

// What a binary may be: a WIT package only (as deps/ entries must be), or
// also a concrete component, whose imports and exports decode as the world
// `root` of a package `root:component` (as `wasm-tools component wit` shows
// a component).
enum class Decodes { PackageOnly, PackageOrComponent };

// Decodes `bytes` into `out`, which must be empty. Names, docs and versions
// are stored in `strings`, which must outlive `out` (it is usually the
// storage of the Resolve `out` will be merged into). Returns the package
// the binary encodes, or why it cannot: an error about the bytes themselves
// has their byte offset as its span (and a label for the section holding it,
// see wasm::label_section); others have no span.
Expected<PackageId> decode_wit_package(std::string_view bytes, Resolve& out, Strings& strings,
                                       Decodes decodes = Decodes::PackageOnly);

}  // namespace plumb
