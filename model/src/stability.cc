// Feature gates: whether an item with a stability is included in a package.
#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/model/elaborate.h"

namespace plumb {

bool include_stability(const Resolve& r, const Stability& stability, PackageId pkg, Span span) {
  switch (stability.kind()) {
    case Stability::Kind::Unknown:
      return true;
    case Stability::Kind::Unstable:
      return r.all_features || r.features.count(stability.feature()) != 0;
    case Stability::Kind::Stable: {
      const PackageName& name = r.package(pkg).name;
      if (!name.version) {
        raise(DiagCode::UnreleasedVersion, span,
              "package [" + name.to_string() +
                  "] contains a feature gate with a version specifier, so it must have a version");
      }
      if (*stability.since() > *name.version) {
        raise(DiagCode::UnreleasedVersion, span,
              "feature gate cannot reference unreleased version " + stability.since()->to_string() + " of package [" +
                  name.to_string() + "] (current version " + name.version->to_string() + ")");
      }
      return true;
    }
  }
  return true;
}

}  // namespace plumb
