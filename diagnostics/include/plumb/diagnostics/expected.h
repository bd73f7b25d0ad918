// The result type of the library boundaries: a value, or the Diagnostic
// that says why there is none.
#pragma once

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/support/expected.h"

namespace plumb {

template <class T>
using Expected = BasicExpected<T, Diagnostic>;

}  // namespace plumb
