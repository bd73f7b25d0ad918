// The one failure path inside plumb's layers: a Diagnostic carried by an
// exception from where an error is found to where the work can carry on (a
// parser's resynchronisation point, the resolver's unit of work) or to the
// library boundary, which returns it as an Expected<T> (expected.h). No
// DiagnosticError escapes a public function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"

namespace plumb {

struct DiagnosticError {
  explicit DiagnosticError(Diagnostic d) : diag(std::move(d)) {}
  DiagnosticError(Diagnostic d, std::vector<Diagnostic> m, bool f)
      : diag(std::move(d)), more(std::move(m)), follow_on(f) {}

  // Where the error is: a span in the SourceMap for text, or a byte offset
  // (Span(at, at)) in the bytes read, for a binary, until the boundary that
  // knows which file they came from.
  Diagnostic diag;
  std::vector<Diagnostic> more;  // further independent errors found with it
  // An error that only follows from one already reported (a reference to
  // an item whose definition failed): it abandons the unit like any other,
  // and is not printed.
  bool follow_on = false;
};

[[noreturn]] inline void raise(Diagnostic d) { throw DiagnosticError(std::move(d)); }

[[noreturn]] inline void raise(DiagCode code, Span span, std::string message) {
  raise(Diagnostic::error(code, span, std::move(message)));
}

// An error at [offset, offset + length) of a text or binary read on its own,
// before it has a place in a SourceMap (see DiagnosticError::diag).
[[noreturn]] inline void raise_at(DiagCode code, size_t offset, size_t length, std::string message) {
  auto start = static_cast<uint32_t>(offset);
  raise(code, Span(start, start + static_cast<uint32_t>(length)), std::move(message));
}
// An error at byte offset `at` of a binary.
[[noreturn]] inline void raise_at_byte(DiagCode code, size_t at, std::string message) {
  raise_at(code, at, 0, std::move(message));
}

[[noreturn]] inline void raise_follow_on() { throw DiagnosticError(Diagnostic(), {}, true); }

// Runs `f`, prefixing the message of any DiagnosticError it raises with
// "`context`: " (the reference's anyhow contexts, flattened into one line).
template <class F>
auto with_context(const std::string& context, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (DiagnosticError& e) {
    e.diag.message = context + ": " + e.diag.message;
    throw;
  }
}

}  // namespace plumb
