// The error that unwinds resolution, linking and merging: a Diagnostic carried
// by an exception to where the work can carry on (or stop).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"

namespace plumb {

// Thrown inside the resolver to abandon the current unit of work with an
// error; caught where resolution can carry on.
struct ResolveError {
  ResolveError(Diagnostic d) : diag(std::move(d)) {}  // NOLINT: thrown as ResolveError{diagnostic}
  ResolveError(Diagnostic d, std::vector<Diagnostic> m, bool f)
      : diag(std::move(d)), more(std::move(m)), follow_on(f) {}

  Diagnostic diag;
  std::vector<Diagnostic> more;  // further independent errors found with it
  // An error that only follows from one already reported (a reference to
  // an item whose definition failed): it abandons the unit like any other,
  // and is not printed.
  bool follow_on = false;
};

[[noreturn]] inline void follow_on_error() { throw ResolveError{Diagnostic(), {}, true}; }

[[noreturn]] inline void resolve_error(DiagCode code, Span span, std::string message) {
  throw ResolveError{Diagnostic::error(code, span, std::move(message))};
}

}  // namespace plumb
