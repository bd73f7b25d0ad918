// Options shared by the commands that read WIT (check, print, ...).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "output.h"

namespace plumb::cli {

struct CommonOptions {
  std::vector<std::string> features;  // as given: comma/space separated, repeatable
  bool all_features = false;
  std::string message_format = "human";
  std::string color = "auto";

  // Registers --features, --all-features, --message-format and --color.
  void add_to(CLI::App& cmd);
  // The feature names, split on commas and whitespace.
  std::vector<std::string> feature_list() const;
  RenderOptions render_options() const;
};

}  // namespace plumb::cli
