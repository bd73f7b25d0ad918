// Canonical WIT text of a Resolve, byte for byte as the reference prints it
// (`wasm-tools component wit`: wit-component's WitPrinter): two-space
// indentation, a blank line between the items of a block, `%` before names
// that are keywords, world items in the order imports-interfaces, types,
// functions, exports.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "plumb/model/model.h"

namespace plumb {

struct WitPrintOptions {
  bool docs = true;  // false: leave out every `///` comment (`--no-docs`)
};

// The main package as a file of its own (`package a:b;` then its items),
// then each of `nested` as a `package a:c { ... }` block, separated by a
// blank line from the one before it.
std::string print_wit(const Resolve& resolve, PackageId main, std::span<const PackageId> nested,
                      const WitPrintOptions& options = {});
// The same text, handed to `sink` in pieces of whole lines (about 64 KiB
// each) as it is printed, rather than held whole: for standard output.
void print_wit(const Resolve& resolve, PackageId main, std::span<const PackageId> nested,
               const WitPrintOptions& options, const std::function<void(std::string_view)>& sink);

// The packages other than `main`, in the order the reference's command line
// nests them: the order of the Resolve's package arena (dependencies first).
std::vector<PackageId> nested_packages(const Resolve& resolve, PackageId main);

}  // namespace plumb
