#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "commands.h"
#include "help.h"

using namespace plumb::cli;

namespace {

ParseResult parse(std::vector<std::string> args) { return parse_args(args, global_options(), commands()); }

}  // namespace

TEST_CASE("every option a command accepts is described in its help") {
  for (const CommandSpec& command : commands()) {
    std::string help = help_text(command.name);
    CAPTURE(command.name);
    CHECK(help.find("Usage: " + std::string(command.usage) + "\n") != std::string::npos);
    for (const OptionSpec& option : command.options) {
      CAPTURE(option.name);
      CHECK(help.find(option.display()) != std::string::npos);
    }
    for (const OptionSpec& option : global_options()) {
      CAPTURE(option.name);
      CHECK(help.find(option.display()) != std::string::npos);
    }
  }
  std::string main = help_text("");
  for (const CommandSpec& command : commands()) CHECK(main.find("\n  " + std::string(command.name) + " ") != std::string::npos);
  for (const OptionSpec& option : global_options()) CHECK(main.find(option.display()) != std::string::npos);
}

TEST_CASE("the possible values of an option are in the help") {
  for (const OptionSpec& option : global_options()) {
    for (std::string_view value : option.choices) {
      CAPTURE(value);
      CHECK(help_text("check").find(value) != std::string::npos);
    }
  }
}

TEST_CASE("options take their values in every conventional spelling") {
  ParseResult r = parse({"--color=never", "check", "--features", "a,b", "x.wit", "--features=c", "-q", "-", "y"});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.args.command != nullptr);
  CHECK(r.args.command->name == "check");
  CHECK(r.args.values("--features") == std::vector<std::string>{"a,b", "c"});
  CHECK(r.args.last("--color") == "never");
  CHECK(r.args.has("--quiet"));
  CHECK(r.args.positionals == std::vector<std::string>{"x.wit", "-", "y"});
}

TEST_CASE("-- ends the options") {
  ParseResult r = parse({"check", "--", "--features", "-q"});
  REQUIRE_FALSE(r.error);
  CHECK(r.args.positionals == std::vector<std::string>{"--features", "-q"});
  CHECK_FALSE(r.args.has("--quiet"));
}

TEST_CASE("help and version stop the parse") {
  CHECK(parse({"check", "--help", "--bogus"}).args.help);
  CHECK_FALSE(parse({"check", "--help", "--bogus"}).error);
  CHECK(parse({"-V"}).args.version);
  CHECK(parse({"-qh"}).args.help);
}

TEST_CASE("usage errors name what is wrong") {
  CHECK(parse({"chek"}).error->message == "unrecognized subcommand 'chek'");
  CHECK(parse({"chek"}).error->tip == "did you mean 'check'?");
  CHECK(parse({"check", "--all-feature"}).error->tip == "did you mean '--all-features'?");
  CHECK(parse({"--features", "x", "check"}).error->message == "unexpected argument '--features'");
  CHECK(parse({"check", "-x"}).error->message == "unexpected argument '-x'");
  CHECK(parse({"check", "--features"}).error->message ==
        "a value is required for '--features <LIST>' but none was supplied");
  CHECK(parse({"explain", "E0301", "E0302"}).error->message == "unexpected argument 'E0302'");
  UsageError e = *parse({"check", "--color", "always", "--message-format", "xml"}).error;
  CHECK(e.command->name == "check");
  CHECK(e.message.find("[possible values: human, short, json, github, sarif]") != std::string::npos);
}

TEST_CASE("a close match only when the word is close") {
  std::vector<std::string_view> names{"check", "print", "explain", "help"};
  CHECK(closest_match("chek", names) == "check");
  CHECK(closest_match("prnit", names) == "print");
  CHECK(closest_match("explian", names) == "explain");
  CHECK(closest_match("CHECK", names) == "check");
  CHECK_FALSE(closest_match("frobnicate", names));
  CHECK_FALSE(closest_match("x", names));
}

TEST_CASE("a usage error as cargo prints one") {
  UsageError e{"unrecognized subcommand 'chek'", "did you mean 'check'?", nullptr};
  CHECK(format_usage_error(e, false) ==
        "error: unrecognized subcommand 'chek'\n\n  tip: did you mean 'check'?\n\n"
        "Usage: plumb <COMMAND> [OPTIONS]\n\nFor more information, try 'plumb help'.\n");
  e.command = find_command("check");
  e.tip.clear();
  CHECK(format_usage_error(e, false) ==
        "error: unrecognized subcommand 'chek'\n\nUsage: plumb check [OPTIONS] [PATH]...\n\n"
        "For more information, try 'plumb help check'.\n");
}
