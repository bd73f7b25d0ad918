// The help texts of plumb and of each command.
#pragma once

#include <string>
#include <string_view>

namespace plumb::cli {

// The help of `command` ("check", ...); of plumb itself for "" (or any name
// that is not a command).
std::string help_text(std::string_view command);

}  // namespace plumb::cli
