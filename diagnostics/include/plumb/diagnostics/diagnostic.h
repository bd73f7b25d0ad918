// The one diagnostic type every layer of plumb reports through, and the
// engine that collects them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "plumb/diagnostics/codes.h"
#include "plumb/diagnostics/span.h"

namespace plumb {

enum class Severity : unsigned char { Error, Warning, Note };

struct Label {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  DiagCode code = DiagCode::Internal;  // set by the factories below: every diagnostic has its own
  std::string message;
  Span span;          // primary location; unknown means "no location"
  // The file concerned when there is no span (a path that cannot be read, a
  // file that is not UTF-8): renderers then name it without a line.
  std::string file;
  std::string label;  // optional text printed next to the primary caret
  std::vector<Label> secondary;
  std::vector<std::string> notes;
  std::vector<std::string> help;

  static Diagnostic error(DiagCode code, Span span, std::string message) {
    Diagnostic d;
    d.code = code;
    d.span = span;
    d.message = std::move(message);
    return d;
  }
  static Diagnostic warning(DiagCode code, Span span, std::string message) {
    Diagnostic d = error(code, span, std::move(message));
    d.severity = Severity::Warning;
    return d;
  }
  // A diagnostic about a whole file (or a path), with no place in it.
  static Diagnostic file_error(DiagCode code, std::string path, std::string message) {
    Diagnostic d = error(code, Span(), std::move(message));
    d.file = std::move(path);
    return d;
  }
  Diagnostic& with_label(Span s, std::string text) {
    secondary.push_back({s, std::move(text)});
    return *this;
  }
  Diagnostic& with_note(std::string text) {
    notes.push_back(std::move(text));
    return *this;
  }
  Diagnostic& with_help(std::string text) {
    help.push_back(std::move(text));
    return *this;
  }
};

// Collects diagnostics in the order they are reported.
class Diagnostics {
 public:
  void report(Diagnostic d) {
    if (d.severity == Severity::Error) ++errors_;
    all_.push_back(std::move(d));
  }
  size_t error_count() const { return errors_; }
  size_t warning_count() const {
    size_t n = 0;
    for (const Diagnostic& d : all_) n += d.severity == Severity::Warning;
    return n;
  }
  // A diagnostic already reported, for adding help once more is known.
  Diagnostic& at(size_t i) { return all_[i]; }
  size_t size() const { return all_.size(); }
  bool has_errors() const { return errors_ != 0; }
  const std::vector<Diagnostic>& all() const { return all_; }
  void clear() {
    all_.clear();
    errors_ = 0;
  }

 private:
  std::vector<Diagnostic> all_;
  size_t errors_ = 0;
};

}  // namespace plumb
