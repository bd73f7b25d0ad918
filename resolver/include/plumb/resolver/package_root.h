// Which package to check for a path given on the command line. Tools such
// as pre-commit pass the files that changed; checking a file of a
// multi-file package on its own would miss its siblings, so a file stands
// for its package:
//   1. a file `X/deps/name.wit` or `X/deps/name/file.wit` stands for X (the
//      package that reads it); deeper files are read by no package;
//   2. a binary package (`.wasm`, `.wat`) stands for itself; a `.wit` file in
//      a directory with a `deps/` folder stands for the directory;
//   3. a file whose sibling `.wit` files all declare the same package as it
//      does (files without a `package` header agree with any) stands for the
//      directory;
//   4. otherwise (no siblings, or siblings of other packages, as in a folder
//      of unrelated examples) the file is a package by itself, as the
//      reference reads a single file. So is a file whose directory cannot
//      be listed.
// A directory stands for itself. Nothing here throws: problems with the
// path are left for loading it to report.
#pragma once

#include <string>

namespace plumb {

std::string package_root(const std::string& path);

}  // namespace plumb
