// The one diagnostic type every layer of plumb reports through, and the
// engine that collects them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "plumb/diagnostics/span.h"

namespace plumb {

enum class Severity : unsigned char { Error, Warning, Note };

struct Label {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string message;
  Span span;          // primary location; unknown means "no location"
  std::string label;  // optional text printed next to the primary caret
  std::vector<Label> secondary;
  std::vector<std::string> notes;
  std::vector<std::string> help;

  static Diagnostic error(Span span, std::string message) {
    Diagnostic d;
    d.span = span;
    d.message = std::move(message);
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
