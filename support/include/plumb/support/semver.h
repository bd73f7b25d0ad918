// Semantic versions as WIT uses them: strict SemVer 2.0 with the parsing
// errors, ordering and printing of the Rust `semver` crate the reference uses.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plumb/support/expected.h"

namespace plumb {

struct Version {
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  std::string pre;    // pre-release identifiers ("rc.1"), empty if none
  std::string build;  // build metadata ("sha.5114f85"), empty if none

  std::string to_string() const;

  // Precedence as the semver crate orders versions: a release sorts after its
  // pre-releases, numeric identifiers numerically, and build metadata breaks
  // ties (so two versions are equal only when all fields are).
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) {
    return a.major == b.major && a.minor == b.minor && a.patch == b.patch && a.pre == b.pre &&
           a.build == b.build;
  }
};

// Parses `text` as a whole: the version, or the semver crate's message for
// why it is none (e.g. "invalid leading zero in minor version number"). The
// support layer knows no Diagnostic: callers give the message its code and
// place.
BasicExpected<Version, std::string> parse_version(std::string_view text);

}  // namespace plumb
