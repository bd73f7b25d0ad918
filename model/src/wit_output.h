// The text sink of the WIT printer: two-space indentation written lazily
// before the first token of a line, so that blank lines carry no spaces.
#pragma once

#include <string>
#include <string_view>

namespace plumb {

class WitOutput {
 public:
  // A token: indented when it starts a line.
  void str(std::string_view s) {
    indent_if_needed();
    out_.append(s);
  }
  // Text that continues a token (never at the start of a line).
  void raw(std::string_view s) { out_.append(s); }
  void newline() {
    out_ += '\n';
    needs_indent_ = true;
  }
  void semicolon() {
    out_ += ';';
    newline();
  }
  // ` {` and a new, deeper line.
  void open_block() {
    out_.append(" {");
    ++indent_;
    newline();
  }
  // `}` on a line of its own, one level out.
  void close_block() {
    if (indent_ > 0) --indent_;
    indent_if_needed();
    out_ += '}';
    newline();
  }
  // One `///` line; `line` holds no newline.
  void doc(std::string_view line) {
    indent_if_needed();
    out_.append("///");
    if (!line.empty()) {
      out_ += ' ';
      out_.append(line);
    }
    newline();
  }
  std::string take() { return std::move(out_); }
  void reserve(size_t bytes) { out_.reserve(bytes); }

 private:
  void indent_if_needed() {
    if (!needs_indent_) return;
    out_.append(2 * indent_, ' ');
    needs_indent_ = false;
  }

  std::string out_;
  size_t indent_ = 0;
  bool needs_indent_ = false;
};

}  // namespace plumb
