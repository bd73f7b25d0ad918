#include "help.h"

namespace plumb::cli {
namespace {

// Written by hand, as a person would want to read them; a unit test checks
// that every option of a command's table is described in its help.

constexpr std::string_view kMain = R"(plumb: a WIT toolchain for the WebAssembly component model

Usage: plumb <COMMAND> [OPTIONS]

Commands:
  check     Validate WIT packages: every syntax and semantic error, in one run
  print     Print a resolved WIT package and its dependencies as canonical WIT
  build     Write the binary snapshot of a WIT package (a .wasm component)
  registry  Run plumb's Warg registry server (`plumb registry serve`)
  key       Make and show the keys that sign what you publish
  publish   Build a package's snapshot and publish it to a Warg registry
  pull      Fetch a package's snapshot from a Warg registry, verifying everything
  yank      Withdraw a release
  grant     Give a key permission to release or yank a package
  revoke    Take a key's permission away
  explain   Explain an error code (E0301, ...) with an example
  help      Print this help, or the help of a command
)";

constexpr std::string_view kMainExamples = R"(
Examples:
  plumb check                   Check the package in ./wit (and its deps/)
  plumb check a/wit b/api.wit   Check two packages
  plumb explain E0301           What error E0301 means, and how to fix it
  plumb help check              The options of `plumb check`
)";

constexpr std::string_view kCheck = R"(Validate WIT packages: syntax and every semantic rule, every error in one run

Usage: plumb check [OPTIONS] [PATH]...

Arguments:
  [PATH]...  A package directory (its *.wit files and its deps/), a .wit file
             (checked as part of the package it belongs to), or - to read one
             WIT file from standard input. Default: wit/, when it exists.

Options:
      --features <LIST>  Enable @unstable features: names separated by commas;
                         repeatable (--features a --features b,c)
      --all-features     Enable every @unstable feature
)";

constexpr std::string_view kCheckExamples = R"(
Examples:
  plumb check                          Check ./wit and its dependencies
  plumb check -q wit/types.wit         The package of wit/types.wit; silent when valid
  plumb check --features fast wit      With the items of @unstable(feature = fast)
  plumb check --message-format json .  Diagnostics as JSON lines on stdout
  cat api.wit | plumb check -          WIT from standard input
)";

constexpr std::string_view kCheckExit = R"(
Exit status:
  0  every package is valid
  1  invalid WIT, a path that does not exist, or another error
  2  usage error (unknown option, no PATH and no wit/ directory)
)";

constexpr std::string_view kPrint = R"(Print a resolved WIT package and its dependencies as canonical WIT, or as JSON

Usage: plumb print [OPTIONS] [PATH]

Arguments:
  [PATH]  A package directory (with its deps/), a .wit file (standing for the
          package it belongs to, as for `plumb check`), or - for standard
          input. Default: wit/, when it exists.

Options:
  -o, --output <FILE>    Write to FILE (replaced as a whole) instead of stdout
      --out-dir <DIR>    Write each package to a file of its own: the main one
                         in DIR, its dependencies in DIR/deps
      --no-docs          Leave out the `///` doc comments
      --json             Print the whole resolved model as JSON instead
      --features <LIST>  Enable @unstable features: names separated by commas;
                         repeatable
      --all-features     Enable every @unstable feature
)";

constexpr std::string_view kPrintExamples = R"(
Examples:
  plumb print wit                      ./wit as canonical WIT, dependencies nested
  plumb print wit --out-dir formatted  One file per package (formatted/deps/...)
  plumb print --json wit | jq '.packages[].name'
)";

constexpr std::string_view kPrintExit = R"(
Exit status:
  0  the package was printed
  1  invalid WIT (the errors are printed on stderr, and nothing on stdout),
     or an output that cannot be written (nothing is left half-written)
  2  usage error
)";

constexpr std::string_view kBuild = R"(Write the binary snapshot of a WIT package: the .wasm that `wasm-tools component wit --wasm` writes

Usage: plumb build [OPTIONS] [PATH]

Arguments:
  [PATH]  A package directory (with its deps/), a .wit file (standing for the
          package it belongs to), or - for standard input. Default: wit/,
          when it exists.

Options:
  -o, --output <FILE>    Where to write it (replaced as a whole). Default:
                         <namespace>-<name>-<version>.wasm here (.wat with
                         --wat)
      --wat              Write the snapshot's WebAssembly text instead, as
                         `wasm-tools print` prints it
      --format <FORMAT>  How to print what was written: human (default; none
                         with --quiet) or json (one object: path, package,
                         size, digest)
      --features <LIST>  Keep only these @unstable features (names separated
                         by commas; repeatable). Default: keep every gated
                         item, with its gate recorded for consumers
      --all-features     Keep every gated item (the default)
)";

constexpr std::string_view kBuildExamples = R"(
Examples:
  plumb build                          ./wit as <namespace>-<name>-<version>.wasm
  plumb build wit -o api.wasm          Choose the file
  plumb build --wat -q -o /dev/stdout  The text of the snapshot, on stdout
  plumb build --format json | jq -r .digest
)";

constexpr std::string_view kBuildExit = R"(
Exit status:
  0  the snapshot was written
  1  invalid WIT, or the file cannot be written (nothing is left half-written)
  2  usage error
)";

constexpr std::string_view kRegistry = R"(Run plumb's Warg registry: signed, verifiable package logs and their content

Usage: plumb registry serve [OPTIONS]

Options:
      --data <DIR>       Where the registry keeps its store (registry.db) and
                         operator key (operator.key). Default:
                         $PLUMB_HOME/registry, else
                         $XDG_DATA_HOME/plumb/registry (~/.local/share/...)
      --listen <ADDR>    The address to serve on, HOST:PORT (port 0: any free
                         port). Default: 127.0.0.1:8765
      --namespace <NS>   A namespace packages may be published in (defined in
                         the operator log if new); repeatable
)";

constexpr std::string_view kRegistryExamples = R"(
Examples:
  plumb registry serve --namespace example  Serve on 127.0.0.1:8765
  plumb registry serve --data /tmp/reg --listen 127.0.0.1:0
)";

constexpr std::string_view kRegistryExit = R"(
The URL is printed on stdout once the server is ready; it stops cleanly on
SIGINT or SIGTERM.

Exit status:
  0  the server was stopped
  1  the store cannot be opened, or the address cannot be listened on
  2  usage error
)";

constexpr std::string_view kRegistryOptions = R"(
Registry options:
      --registry <URL>   The registry (https, or http on loopback). Default:
                         $PLUMB_REGISTRY, else http://127.0.0.1:8765/
)";

constexpr std::string_view kKey = R"(Make and show the keys that sign what you publish (ECDSA P-256)

Usage: plumb key new|show|list [OPTIONS]

Kept in $PLUMB_HOME/keys/<NAME>.key (mode 0600); `show` prints the public key
(ecdsa-p256:...) and key id (sha256:...) others grant permissions to.

Options:
      --name <NAME>      Which key (default: default)
      --format <FORMAT>  human (default) or json
)";

constexpr std::string_view kPublish = R"(Build a package's snapshot and publish it to a Warg registry

Usage: plumb publish [OPTIONS] [PATH]

Creates the package's log (with an init record) when it is new, appends a
signed release of the snapshot's digest, uploads the snapshot, and waits
until the registry has published the record (then verifies it).

Arguments:
  [PATH]  The package, as for `plumb build`. Default: wit/

Options:
      --key <NAME>       The key that signs (default: default)
      --format <FORMAT>  human (default) or json (package, version, recordId,
                         registryIndex, digest, size)
      --features <LIST>  Keep only these @unstable features (default: all)
      --all-features     Keep every gated item (the default)
)";

constexpr std::string_view kPull = R"(Fetch a package's snapshot from a Warg registry, verifying everything

Usage: plumb pull [OPTIONS] NS:NAME[@VERSION]

Updates the logs, checks every record's id, signature and log rule, the
checkpoint's signature and time, the consistency and inclusion proofs, then
downloads the content (or takes it from the cache) and checks its digest.
Without a version: the newest release that is not yanked.

Options:
  -o, --output <FILE>    Where to write it. Default: <ns>-<name>-<version>.wasm
      --format <FORMAT>  human (default) or json (path, package, version,
                         digest, size)
)";

constexpr std::string_view kYank = R"(Withdraw a release: `pull` no longer picks it

Usage: plumb yank [OPTIONS] NS:NAME@VERSION

Options:
      --key <NAME>       The key that signs (default: default)
      --format <FORMAT>  human (default) or json
)";

constexpr std::string_view kGrant = R"(Give a key permission to release or yank a package

Usage: plumb grant [OPTIONS] NS:NAME PUBLIC_KEY
)";

constexpr std::string_view kRevoke = R"(Take a key's permission to release or yank a package away

Usage: plumb revoke [OPTIONS] NS:NAME KEY_ID
)";

constexpr std::string_view kGrantOptions = R"(
Options:
      --permission <PERM>  release or yank; repeatable (default: both)
      --key <NAME>         The key that signs (default: default); it must
                           hold the permissions it grants or revokes
      --format <FORMAT>    human (default) or json
)";

constexpr std::string_view kWargExit = R"(
Exit status:
  0  done
  1  the registry refused, or what it sent does not verify (nothing is
     written then)
  2  usage error
)";

constexpr std::string_view kExplain = R"(Explain an error code: what the rule is, and WIT that breaks it and WIT that keeps it

Usage: plumb explain [OPTIONS] [CODE]

Arguments:
  [CODE]  The code shown in brackets in a diagnostic: E0301, e0301 or 0301.
          Without one, every code is listed with what it means.

Options:
      --list  List every code with what it means
)";

constexpr std::string_view kExplainExamples = R"(
Examples:
  plumb explain E0301    The page of E0301 (a type that is not defined)
  plumb explain --list   Every code
)";

constexpr std::string_view kExplainExit = R"(
Exit status:
  0  the page or the list was printed
  1  the code has no page yet (its one-line summary is printed)
  2  usage error, or a code that does not exist
)";

constexpr std::string_view kHelp = R"(Print plumb's help, or the help of a command

Usage: plumb help [COMMAND]

Arguments:
  [COMMAND]  check, print, build, explain or help
)";

constexpr std::string_view kHelpExamples = R"(
Examples:
  plumb help          What plumb can do
  plumb help check    The options of `plumb check` (the same as `plumb check --help`)
)";

constexpr std::string_view kHelpExit = R"(
Exit status:
  0  the help was printed
  2  usage error (a command that does not exist)
)";

constexpr std::string_view kGlobal = R"(
Global options (before or after the command):
      --color <WHEN>             When to colour diagnostics: auto, always, never
                                 (default auto: on a terminal, unless NO_COLOR is
                                 set; FORCE_COLOR or CLICOLOR_FORCE force it)
      --message-format <FORMAT>  How to print diagnostics: human, short, json,
                                 github, sarif (default human)
  -q, --quiet                    Print nothing when there are no errors or warnings
  -h, --help                     Print help
  -V, --version                  Print version
)";

constexpr std::string_view kMainExit = R"(
Exit status:
  0  valid (or the help or page asked for was printed)
  1  invalid WIT, or an error
  2  usage error

See 'plumb help <COMMAND>' for more information on a command.
)";

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

}  // namespace

std::string help_text(std::string_view command) {
  if (command == "check") return join({kCheck, kGlobal, kCheckExamples, kCheckExit});
  if (command == "print") return join({kPrint, kGlobal, kPrintExamples, kPrintExit});
  if (command == "build") return join({kBuild, kGlobal, kBuildExamples, kBuildExit});
  if (command == "registry") return join({kRegistry, kGlobal, kRegistryExamples, kRegistryExit});
  if (command == "key") return join({kKey, kGlobal, kWargExit});
  if (command == "publish") return join({kPublish, kRegistryOptions, kGlobal, kWargExit});
  if (command == "pull") return join({kPull, kRegistryOptions, kGlobal, kWargExit});
  if (command == "yank") return join({kYank, kRegistryOptions, kGlobal, kWargExit});
  if (command == "grant") return join({kGrant, kGrantOptions, kRegistryOptions, kGlobal, kWargExit});
  if (command == "revoke") return join({kRevoke, kGrantOptions, kRegistryOptions, kGlobal, kWargExit});
  if (command == "explain") return join({kExplain, kGlobal, kExplainExamples, kExplainExit});
  if (command == "help") return join({kHelp, kGlobal, kHelpExamples, kHelpExit});
  return join({kMain, kGlobal, kMainExamples, kMainExit});
}

}  // namespace plumb::cli
