// Writing a whole file so that readers see the old file or the new one,
// never a part: the bytes go to a temporary file beside it, which is
// flushed to disk and then renamed over the path.
#pragma once

#include <string>
#include <string_view>

#include "plumb/support/expected.h"

namespace plumb {

// Writes `bytes` to `path` (creating or replacing it). On failure nothing
// is left behind and the error says what failed ("cannot write 'x': No
// space left on device"). Returns the number of bytes written.
BasicExpected<size_t, std::string> write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace plumb
