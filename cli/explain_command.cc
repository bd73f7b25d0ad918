#include "explain_command.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "common_options.h"
#include "error_pages.h"
#include "plumb/diagnostics/codes.h"

namespace plumb::cli {
namespace {

void print(std::string_view text, FILE* stream = stdout) { write_out(stream, text); }

const ErrorPage* find_page(std::string_view code) {
  std::span<const ErrorPage> pages = error_pages();
  auto it = std::lower_bound(pages.begin(), pages.end(), code,
                             [](const ErrorPage& p, std::string_view c) { return p.code < c; });
  return it != pages.end() && it->code == code ? &*it : nullptr;
}

int list_codes() {
  std::string out;
  for (const DiagCodeInfo& info : all_diag_codes()) {
    out += std::string(info.text) + "  " + std::string(info.summary) + "\n";
  }
  print(out);
  return 0;
}

int unknown_code(const std::string& text, const ParsedArgs& args) {
  std::vector<std::string_view> codes;
  for (const DiagCodeInfo& info : all_diag_codes()) codes.push_back(info.text);
  return usage_error({"no error code '" + text + "'; `plumb explain` lists them all", did_you_mean(text, codes),
                      args.command},
                     args);
}

}  // namespace

int run_explain(const ParsedArgs& args) {
  if (args.has("--list") || args.positionals.empty()) return list_codes();
  const std::string& text = args.positionals.front();
  std::optional<DiagCode> code = parse_diag_code(text);
  if (!code) return unknown_code(text, args);
  const DiagCodeInfo& info = diag_code_info(*code);
  if (const ErrorPage* page = find_page(info.text)) {
    print(page->text);
    return 0;
  }
  print(std::string(info.text) + ": " + std::string(info.summary) + "\n");
  print("error: " + std::string(info.text) + " has no page yet (docs/errors/" + std::string(info.text) + ".md)\n",
        stderr);
  return 1;
}

}  // namespace plumb::cli
