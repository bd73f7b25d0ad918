#include "common_options.h"

namespace plumb::cli {

void CommonOptions::add_to(CLI::App& cmd) {
  cmd.add_option("--features", features,
                 "Enable @unstable features (comma or space separated; repeatable)")
      ->type_name("LIST");
  cmd.add_flag("--all-features", all_features, "Enable every @unstable feature");
  cmd.add_option("--message-format", message_format, "How to print diagnostics")
      ->check(CLI::IsMember({"human", "json", "short", "github", "sarif"}))
      ->type_name("human|json|short|github|sarif");
  cmd.add_option("--color", color, "When to colour diagnostics (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("auto|always|never");
}

std::vector<std::string> CommonOptions::feature_list() const {
  std::vector<std::string> out;
  for (const std::string& f : features) {
    std::string cur;
    for (char c : f) {
      if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

RenderOptions CommonOptions::render_options() const {
  RenderOptions r;
  parse_message_format(message_format, r.format);
  ColorChoice choice = color == "always" ? ColorChoice::Always : color == "never" ? ColorChoice::Never : ColorChoice::Auto;
  r.color = r.format == MessageFormat::Human && use_color(choice, stderr);
  return r;
}

}  // namespace plumb::cli
