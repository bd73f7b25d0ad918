// A SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format) of one
// run: one `run` whose tool is plumb, one rule per code that occurs, one
// result per diagnostic. Columns count Unicode code points
// (`columnKind: unicodeCodePoints`); the byte range is given as well.
#pragma once

#include <memory>
#include <string>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/source_map.h"

namespace plumb {

class SarifLog {
 public:
  SarifLog();
  ~SarifLog();
  SarifLog(const SarifLog&) = delete;
  SarifLog& operator=(const SarifLog&) = delete;

  // Adds `d` as a result; its locations are taken from `sources` now, so
  // the map need not outlive this call.
  void add(const Diagnostic& d, const SourceMap& sources);
  // The whole log as JSON (two-space indented, keys in a fixed order),
  // ending in a newline.
  std::string document() const;

 private:
  struct Results;
  std::unique_ptr<Results> results_;
};

}  // namespace plumb
