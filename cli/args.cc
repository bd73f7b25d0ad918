#include "args.h"

#include <algorithm>
#include <cctype>

#include "plumb/support/edit_distance.h"

namespace plumb::cli {
namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// The name as compared for a did-you-mean: without leading dashes, in
// lower case (`--Color` is close to `--color`, `CHECK` to `check`).
std::string comparable(std::string_view s) {
  while (!s.empty() && s.front() == '-') s.remove_prefix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads one command line; see parse_args.
class Parser {
 public:
  Parser(std::span<const std::string> args, std::span<const OptionSpec> globals, std::span<const CommandSpec> commands)
      : args_(args), globals_(globals), commands_(commands) {}

  ParseResult run() {
    bool options_ended = false;
    for (next_ = 0; next_ < args_.size() && !done();) {
      const std::string& arg = args_[next_++];
      if (!options_ended && arg == "--") {
        options_ended = true;
      } else if (!options_ended && arg.size() > 1 && arg.compare(0, 2, "--") == 0) {
        long_option(arg);
      } else if (!options_ended && arg.size() > 1 && arg[0] == '-') {
        short_options(arg);
      } else {
        positional(arg);
      }
    }
    return std::move(out_);
  }

 private:
  bool done() const { return out_.error || out_.args.help || out_.args.version; }

  // Records the usage error that ends parsing.
  void reject(std::string message, std::string tip = {}) {
    out_.error = UsageError{std::move(message), std::move(tip), out_.args.command};
  }

  // The options accepted here: the command's (once it is known) and the
  // global ones.
  std::vector<const OptionSpec*> accepted() const {
    std::vector<const OptionSpec*> all;
    if (out_.args.command) {
      for (const OptionSpec& o : out_.args.command->options) all.push_back(&o);
    }
    for (const OptionSpec& o : globals_) all.push_back(&o);
    return all;
  }

  void long_option(const std::string& arg) {
    size_t eq = arg.find('=');
    std::string_view name = std::string_view(arg).substr(0, eq);
    for (const OptionSpec* o : accepted()) {
      if (o->name != name) continue;
      if (eq == std::string::npos) return take(*o, std::nullopt);
      return take(*o, arg.substr(eq + 1));
    }
    std::vector<std::string_view> names;
    for (const OptionSpec* o : accepted()) names.push_back(o->name);
    std::string tip = did_you_mean(name, names);
    if (!out_.args.command && tip.empty()) tip = belongs_after_a_command(name);
    reject("unexpected argument " + quoted(arg), std::move(tip));
  }

  // `plumb --features x check`: say where the option goes.
  std::string belongs_after_a_command(std::string_view name) const {
    for (const CommandSpec& c : commands_) {
      for (const OptionSpec& o : c.options) {
        if (o.name != name) continue;
        return quoted(name) + " is an option of 'plumb " + std::string(c.name) + "': put it after the command";
      }
    }
    return {};
  }

  // `-q`, or several flags at once (`-qh`); a short option with a value
  // takes the rest of the word or the next one.
  void short_options(const std::string& arg) {
    for (size_t i = 1; i < arg.size() && !done(); ++i) {
      const OptionSpec* found = nullptr;
      for (const OptionSpec* o : accepted()) {
        if (o->short_name == arg[i]) found = o;
      }
      if (!found) return reject("unexpected argument " + quoted("-" + arg.substr(i, 1)));
      if (found->takes_value()) {
        if (i + 1 < arg.size()) return take(*found, arg.substr(i + 1));
        return take(*found, std::nullopt);
      }
      take(*found, std::nullopt);
    }
  }

  // One occurrence of `o`, with the value given after `=` (or in a bundle
  // of short options), if any.
  void take(const OptionSpec& o, std::optional<std::string> value) {
    if (o.name == "--help") {
      out_.args.help = true;
      return;
    }
    if (o.name == "--version") {
      out_.args.version = true;
      return;
    }
    if (!o.takes_value()) {
      if (value) return reject("unexpected value " + quoted(*value) + " for " + quoted(o.name) + "; it takes none");
      out_.args.options.emplace_back(o.name, std::string());
      return;
    }
    if (!value) {
      // A word that starts with `-` is the next option, not this one's value
      // (`--features --all-features`); `--opt=-x` passes such a value.
      if (next_ < args_.size() && (args_[next_] == "-" || args_[next_][0] != '-')) value = args_[next_++];
    }
    if (!value) return reject("a value is required for " + quoted(o.display()) + " but none was supplied");
    if (!o.choices.empty() && std::find(o.choices.begin(), o.choices.end(), *value) == o.choices.end()) {
      std::string possible;
      for (std::string_view c : o.choices) possible += (possible.empty() ? "" : ", ") + std::string(c);
      return reject(
          "invalid value " + quoted(*value) + " for " + quoted(o.display()) + "\n  [possible values: " + possible + "]",
          did_you_mean(*value, o.choices));
    }
    out_.args.options.emplace_back(o.name, std::move(*value));
  }

  void positional(const std::string& arg) {
    ParsedArgs& a = out_.args;
    if (!a.command) {
      for (const CommandSpec& c : commands_) {
        if (c.name == arg) {
          a.command = &c;
          return;
        }
      }
      out_.error = unrecognized_subcommand(arg, commands_);
      return;
    }
    if (a.positionals.size() >= a.command->max_positionals) return reject("unexpected argument " + quoted(arg));
    a.positionals.push_back(arg);
  }

  std::span<const std::string> args_;
  std::span<const OptionSpec> globals_;
  std::span<const CommandSpec> commands_;
  size_t next_ = 0;
  ParseResult out_;
};

}  // namespace

std::string OptionSpec::display() const {
  std::string out;
  if (short_name != 0) out += std::string("-") + short_name + ", ";
  out += name;
  if (takes_value()) out += " <" + std::string(value_name) + ">";
  return out;
}

bool ParsedArgs::has(std::string_view name) const {
  return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : options) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::optional<std::string> ParsedArgs::last(std::string_view name) const {
  for (auto it = options.rbegin(); it != options.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

ParseResult parse_args(std::span<const std::string> args, std::span<const OptionSpec> globals,
                       std::span<const CommandSpec> commands) {
  return Parser(args, globals, commands).run();
}

std::optional<std::string_view> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  std::string bare = comparable(word);
  for (std::string_view c : candidates) {
    std::string bare_c = comparable(c);
    size_t d = edit_distance(bare, bare_c);
    // Close: a third of the name may differ (two letters for short names),
    // and never the whole of what was typed.
    bool close = d <= std::max<size_t>(2, bare_c.size() / 3) && d < bare.size();
    if (close && (!best || d < best_distance)) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::optional<std::string_view> match = closest_match(word, candidates);
  return match ? "did you mean " + quoted(*match) + "?" : std::string();
}

UsageError unrecognized_subcommand(std::string_view name, std::span<const CommandSpec> commands) {
  std::vector<std::string_view> names;
  for (const CommandSpec& c : commands) names.push_back(c.name);
  return UsageError{"unrecognized subcommand " + quoted(name), did_you_mean(name, names), nullptr};
}

std::string format_usage_error(const UsageError& error, bool color) {
  auto paint = [&](std::string_view code, std::string_view text) {
    return color ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m" : std::string(text);
  };
  std::string out = paint("1;31", "error") + ": " + error.message + "\n";
  if (!error.tip.empty()) out += "\n  " + paint("1;32", "tip") + ": " + error.tip + "\n";
  std::string_view usage = error.command ? error.command->usage : "plumb <COMMAND> [OPTIONS]";
  out += "\n" + paint("1", "Usage:") + " " + std::string(usage) + "\n";
  std::string help = error.command ? "plumb help " + std::string(error.command->name) : "plumb help";
  out += "\nFor more information, try " + quoted(help) + ".\n";
  return out;
}

}  // namespace plumb::cli
