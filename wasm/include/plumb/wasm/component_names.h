// Import/export names of the component model (`plainname`, `[method]r.m`,
// `ns:pkg/iface@1.0.0`, ...) as the reference's validator classifies them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plumb/support/semver.h"

namespace plumb::wasm {

enum class NameKind { Label, Constructor, Method, Static, Interface, Dependency, Url, Hash };

struct ComponentName {
  NameKind kind = NameKind::Label;
  std::string_view raw;

  // Constructor: the resource; Method/Static: the part before the dot.
  std::string_view resource() const;
  // Interface names `ns:pkg/iface@version`.
  std::string_view ns() const;
  std::string_view package() const;
  std::string_view interface() const;
  // The version of an interface name, completed by a `versionsuffix`
  // attribute when there is one; nullopt without `@`; the semver message
  // when it is not a valid version.
  BasicExpected<std::optional<Version>, std::string> version(const std::optional<std::string>& suffix) const;
  bool has_version() const { return raw.find('@') != std::string_view::npos; }
};

// Parses `name`: the name, or the reason (the reference's wording) it is none.
BasicExpected<ComponentName, std::string> parse_component_name(std::string_view name);

// The reference's kebab-case rule (`a-b0`, `A-B`, no mixed-case words).
bool is_kebab(std::string_view s);

}  // namespace plumb::wasm
