// Reading a whole file into memory, with the reason when it cannot be read.
#pragma once

#include <string>

#include "plumb/support/expected.h"

namespace plumb {

// The bytes of the file at `path`, or the reason it cannot be read
// ("cannot read 'x': No such file or directory").
BasicExpected<std::string, std::string> read_whole_file(const std::string& path);

}  // namespace plumb
