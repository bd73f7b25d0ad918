// The pages of docs/errors/, embedded at build time (tools/gen_error_pages.py
// writes error_pages.cc), for `plumb explain CODE`.
#pragma once

#include <span>
#include <string_view>

namespace plumb::cli {

struct ErrorPage {
  std::string_view code;  // "E0301"
  std::string_view text;  // the Markdown of docs/errors/E0301.md
};

// Sorted by code.
std::span<const ErrorPage> error_pages();

}  // namespace plumb::cli
