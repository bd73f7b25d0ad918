#include "common_options.h"

namespace plumb::cli {
namespace {

// `--features "a,b c"`: a comma- or whitespace-separated list.
void split_features(const std::string& list, std::vector<std::string>& out) {
  std::string cur;
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
}

}  // namespace

CommonOptions CommonOptions::from(const ParsedArgs& args) {
  CommonOptions o;
  for (const std::string& list : args.values("--features")) split_features(list, o.features);
  o.all_features = args.has("--all-features");
  if (auto format = args.last("--message-format")) parse_message_format(*format, o.format);
  if (auto color = args.last("--color")) {
    o.color = *color == "always" ? ColorChoice::Always : *color == "never" ? ColorChoice::Never : ColorChoice::Auto;
  }
  o.quiet = args.has("--quiet");
  return o;
}

RenderOptions CommonOptions::render_options() const {
  RenderOptions r;
  r.format = format;
  r.color = stderr_color();
  return r;
}

int usage_error(const UsageError& error, const ParsedArgs& args) {
  std::string text = format_usage_error(error, CommonOptions::from(args).stderr_color());
  std::fwrite(text.data(), 1, text.size(), stderr);
  return 2;
}

}  // namespace plumb::cli
