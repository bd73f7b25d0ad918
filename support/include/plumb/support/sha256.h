// SHA-256 digests (OpenSSL's), as content addresses are written:
// lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace plumb {

// The 64 lowercase hex digits of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace plumb
