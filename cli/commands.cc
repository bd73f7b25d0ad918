#include "commands.h"

#include <array>

namespace plumb::cli {
namespace {

constexpr std::array<std::string_view, 3> kColors{"auto", "always", "never"};
constexpr std::array<std::string_view, 5> kFormats{"human", "short", "json", "github", "sarif"};

constexpr std::array kGlobal{
    OptionSpec{"--color", 0, "WHEN", kColors},
    OptionSpec{"--message-format", 0, "FORMAT", kFormats},
    OptionSpec{"--quiet", 'q', ""},
    OptionSpec{"--help", 'h', ""},
    OptionSpec{"--version", 'V', ""},
};

constexpr std::array kCheck{
    OptionSpec{"--features", 0, "LIST"},
    OptionSpec{"--all-features", 0, ""},
};

constexpr std::array kPrint{
    OptionSpec{"--json", 0, ""},
    OptionSpec{"--output", 'o', "FILE"},
    OptionSpec{"--out-dir", 0, "DIR"},
    OptionSpec{"--no-docs", 0, ""},
    OptionSpec{"--features", 0, "LIST"},
    OptionSpec{"--all-features", 0, ""},
};

constexpr std::array<std::string_view, 2> kResultFormats{"human", "json"};

constexpr std::array kBuild{
    OptionSpec{"--output", 'o', "FILE"},
    OptionSpec{"--wat", 0, ""},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
    OptionSpec{"--features", 0, "LIST"},
    OptionSpec{"--all-features", 0, ""},
};

constexpr std::array kRegistry{
    OptionSpec{"--data", 0, "DIR"},
    OptionSpec{"--listen", 0, "ADDR"},
    OptionSpec{"--namespace", 0, "NS"},
};

constexpr std::array kKey{
    OptionSpec{"--name", 0, "NAME"},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
};

constexpr std::array kPublish{
    OptionSpec{"--registry", 0, "URL"},
    OptionSpec{"--key", 0, "NAME"},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
    OptionSpec{"--features", 0, "LIST"},
    OptionSpec{"--all-features", 0, ""},
};

constexpr std::array kPull{
    OptionSpec{"--registry", 0, "URL"},
    OptionSpec{"--output", 'o', "FILE"},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
};

constexpr std::array kYank{
    OptionSpec{"--registry", 0, "URL"},
    OptionSpec{"--key", 0, "NAME"},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
};

constexpr std::array kGrant{
    OptionSpec{"--registry", 0, "URL"},
    OptionSpec{"--key", 0, "NAME"},
    OptionSpec{"--permission", 0, "PERM"},
    OptionSpec{"--format", 0, "FORMAT", kResultFormats},
};

constexpr std::array kExplain{
    OptionSpec{"--list", 0, ""},
};

constexpr size_t kAny = static_cast<size_t>(-1);

constexpr std::array kCommands{
    CommandSpec{"check", "plumb check [OPTIONS] [PATH]...", kCheck, kAny},
    CommandSpec{"print", "plumb print [OPTIONS] [PATH]", kPrint, 1},
    CommandSpec{"build", "plumb build [OPTIONS] [PATH]", kBuild, 1},
    CommandSpec{"registry", "plumb registry serve [OPTIONS]", kRegistry, 1},
    CommandSpec{"key", "plumb key new|show|list [OPTIONS]", kKey, 1},
    CommandSpec{"publish", "plumb publish [OPTIONS] [PATH]", kPublish, 1},
    CommandSpec{"pull", "plumb pull [OPTIONS] NS:NAME[@VERSION]", kPull, 1},
    CommandSpec{"yank", "plumb yank [OPTIONS] NS:NAME@VERSION", kYank, 1},
    CommandSpec{"grant", "plumb grant [OPTIONS] NS:NAME PUBLIC_KEY", kGrant, 2},
    CommandSpec{"revoke", "plumb revoke [OPTIONS] NS:NAME KEY_ID", kGrant, 2},
    CommandSpec{"explain", "plumb explain [OPTIONS] [CODE]", kExplain, 1},
    CommandSpec{"help", "plumb help [COMMAND]", {}, 1},
};

}  // namespace

std::span<const OptionSpec> global_options() { return kGlobal; }

std::span<const CommandSpec> commands() { return kCommands; }

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace plumb::cli
