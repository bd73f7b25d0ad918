// What the PATH arguments of `plumb check` and `plumb print` name, and
// reading each: a package directory, a .wit file standing for its package
// (package_root), `-` for standard input, or a path that does not exist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "output.h"
#include "plumb/resolver/resolve.h"

namespace plumb::cli {

struct Input {
  enum class Kind { Package, Stdin, Missing };
  Kind kind = Kind::Package;
  std::string path;  // the package root (Package), or the path as given
};

// The inputs `paths` name, in order: each package once however many of its
// files are named and however its path is spelt (`a/x.wit ./a/y.wit`,
// `dir dir/`), under the first spelling given; `-` once; every missing path.
std::vector<Input> inputs_of(const std::vector<std::string>& paths);

// What no PATH means: `wit`, when there is such a directory (as wkg and
// cargo-component look there).
std::optional<std::string> default_path();
// The usage error of `command` given no PATH where there is no wit/.
UsageError no_path_error(const CommandSpec* command);

// Reads and resolves one input. A missing path is reported as
// PathNotFound (E0001) and resolves to nothing.
ResolveResult resolve_input(const Input& input, const ResolveOptions& options, Diagnostics& diags);

// The one PATH of `print` and `build` (wit/ when none is given), read and
// resolved into `out`, its diagnostics given to `reporter`. Returns the exit
// status to stop with when there is nothing to go on with: 2 for no PATH
// and no wit/, 1 for errors (the run's summary has been written then).
std::optional<int> resolve_one_path(const ParsedArgs& args, const ResolveOptions& options, Reporter& reporter,
                                    ResolveResult& out);

// Keeps `resolve` until the process ends, and returns it. A command's model
// is the largest thing it builds: the system takes its memory back at exit
// at once, where destroying it node by node costs a few percent of a run
// (clang's -disable-free does the same).
const Resolve& keep_until_exit(std::unique_ptr<Resolve> resolve);

}  // namespace plumb::cli
