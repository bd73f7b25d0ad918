// The text sink of the WIT printer: two-space indentation written lazily
// before the first token of a line, so that blank lines carry no spaces.
// The text is kept whole, or handed on in pieces as it grows (stream_to).
#pragma once

#include <functional>
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
    if (sink_ != nullptr && out_.size() >= kPieceBytes) flush();
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
  // A `///` line for each line of `text`: a `\r` ending a line is dropped,
  // and a final newline starts no line. Docs are most of what a documented
  // package prints: each line is its prefix (indentation and `/// `), its
  // text and a newline, three appends.
  void docs(std::string_view text) {
    if (text.empty()) return;
    prefix_.assign(2 * indent_, ' ').append("/// ");
    size_t skip = needs_indent_ ? 0 : 2 * indent_;  // mid-line, the first line is not indented
    for (;;) {
      const size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (end != std::string_view::npos && !line.empty() && line.back() == '\r') line.remove_suffix(1);
      out_.append(prefix_.data() + skip, (line.empty() ? prefix_.size() - 1 : prefix_.size()) - skip);
      out_.append(line);
      out_ += '\n';
      skip = 0;
      if (end == std::string_view::npos || end + 1 == text.size()) break;
      text.remove_prefix(end + 1);
    }
    needs_indent_ = true;
    if (sink_ != nullptr && out_.size() >= kPieceBytes) flush();
  }
  std::string take() { return std::move(out_); }
  void reserve(size_t bytes) { out_.reserve(bytes); }

  using Sink = std::function<void(std::string_view)>;
  // From now on, whole lines go to `sink` whenever some 64 KiB have
  // gathered: one buffer, reused, rather than the whole text in memory
  // (whose fresh pages are a good part of printing a large package).
  void stream_to(const Sink& sink) {
    sink_ = &sink;
    out_.reserve(kPieceBytes + 4096);
  }
  // Hands on what is left (streaming).
  void flush() {
    if (sink_ != nullptr && !out_.empty()) (*sink_)(out_);
    out_.clear();
  }

 private:
  void indent_if_needed() {
    if (!needs_indent_) return;
    out_.append(2 * indent_, ' ');
    needs_indent_ = false;
  }

  static constexpr size_t kPieceBytes = 64 * 1024;

  std::string out_;
  std::string prefix_;  // the `///` lines' (see docs)
  const Sink* sink_ = nullptr;
  size_t indent_ = 0;
  bool needs_indent_ = false;
};

}  // namespace plumb
