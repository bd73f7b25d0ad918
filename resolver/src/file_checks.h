// Checks on a file's bytes before they are read as WIT or as a binary
// package: the encoding of a WIT file (UTF-8, not UTF-16), and what a `.wasm`
// file that is no WebAssembly looks like (a Git LFS pointer, an HTML page).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb {

// True when `bytes` start with a UTF-16 byte order mark, or (without one)
// have NUL bytes in every other position, as UTF-16 text of mostly ASCII
// characters does.
bool looks_like_utf16(std::string_view bytes);

// The error for a WIT file that is not UTF-8 text (UTF-16, or invalid
// UTF-8), located in `file`, which is already in the source map; nothing
// when the file is valid UTF-8.
std::optional<Diagnostic> encoding_problem(const SourceFile& file);

// The error for a `.wasm` file whose bytes (`bytes`) do not start with the
// WebAssembly magic, with a note on what the file looks like instead.
Diagnostic not_wasm_binary(const std::string& path, std::string_view bytes);

}  // namespace plumb
