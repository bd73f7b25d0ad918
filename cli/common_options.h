// What the options shared by the commands mean: the global ones (colour,
// message format, quiet) and the feature options of check and print.
#pragma once

#include <string>
#include <vector>

#include "args.h"
#include "output.h"

namespace plumb::cli {

struct CommonOptions {
  std::vector<std::string> features;  // the names, split on commas and whitespace
  bool all_features = false;
  MessageFormat format = MessageFormat::Human;
  ColorChoice color = ColorChoice::Auto;
  bool quiet = false;

  // Reads them from a parsed command line (the parser has checked values).
  static CommonOptions from(const ParsedArgs& args);
  RenderOptions render_options() const;
  // Colour for text written to stderr (diagnostics, usage errors).
  bool stderr_color() const { return use_color(color, stderr); }
};

// Prints `error` (coloured as the command line asks) and returns the exit
// status of a usage error, 2.
int usage_error(const UsageError& error, const ParsedArgs& args);

}  // namespace plumb::cli
