// The layout rules of wasmprinter's text, for the WAT printer
// (wat_printer.h): a group opens with "(keyword", items of a group that
// spans lines go on lines of their own indented two spaces per open group,
// and a group closes on a line of its own only when it spans lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plumb::wasm::text {

class WatWriter {
 public:
  // Writes "(" and `keyword` (which carries its own trailing space, if any).
  void start_group(std::string_view keyword);
  void end_group();
  // A new line, indented by the groups open.
  void newline();

  void write(std::string_view text) { out_ += text; }
  void write(uint32_t number) { out_ += std::to_string(number); }
  // `(;N;)`: the index an item gets, as a comment.
  void index_comment(uint32_t index);
  // A quoted name: printable ASCII as is, anything else as `\u{hex}`.
  void quoted_string(std::string_view utf8);
  // The same without the quotes.
  void string_contents(std::string_view utf8);
  // Quoted bytes: printable ASCII as is, anything else as `\hh`.
  void quoted_bytes(std::string_view bytes);

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  size_t nesting_ = 0;
  size_t line_ = 0;
  std::vector<size_t> group_lines_;  // the line each open group started on
};

}  // namespace plumb::wasm::text
