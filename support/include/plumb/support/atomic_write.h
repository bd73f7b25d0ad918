// Writing a whole file so that readers see the old file or the new one,
// never a part: the bytes go to a temporary file beside it, which is then
// renamed over the path.
#pragma once

#include <string>
#include <string_view>

#include "plumb/support/expected.h"

namespace plumb {

struct WriteOptions {
  // Flush the file to the device before it replaces the old one, so that
  // a power cut leaves the old file or the new one (a store's records;
  // the folder is flushed too, so the rename itself is durable);
  // without it the rename is atomic for every reader but costs no flush.
  bool sync = false;
  // The permissions a new file gets (less the umask): 0600 for secrets.
  unsigned mode = 0644;
};

// Writes `bytes` to `path` (creating or replacing it; through a symlink,
// its target). A path that is a device, pipe or socket (`/dev/stdout`) is
// written into instead, as it cannot be replaced. On failure nothing is
// left behind and the error says what failed ("cannot write 'x': No space
// left on device"). Returns the number of bytes written.
BasicExpected<size_t, std::string> write_file_atomically(const std::string& path, std::string_view bytes,
                                                          const WriteOptions& options = {});

}  // namespace plumb
