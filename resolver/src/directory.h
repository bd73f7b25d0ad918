// Listing a directory without exceptions: std::filesystem's range-for over a
// directory_iterator throws from `++`; this reports through an error code.
#pragma once

#include <filesystem>
#include <system_error>
#include <vector>

namespace plumb {

// The entries of `dir`, in the order the system gives them. A failure to
// open the directory or to step through it is set in `ec` (cleared on
// success); the entries listed before it are still returned.
std::vector<std::filesystem::directory_entry> list_directory(const std::filesystem::path& dir, std::error_code& ec);

}  // namespace plumb
