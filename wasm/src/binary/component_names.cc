#include "plumb/wasm/component_names.h"

namespace plumb::wasm {
namespace {

constexpr std::string_view kConstructor = "[constructor]";
constexpr std::string_view kMethod = "[method]";
constexpr std::string_view kStatic = "[static]";

bool is_kebab_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// A small cursor over the rest of a name, failing with the reference's
// wording.
class NameParser {
 public:
  explicit NameParser(std::string_view s) : next_(s) {}

  bool done() const { return next_.empty(); }
  std::string_view rest() const { return next_; }

  bool eat(std::string_view prefix) {
    if (next_.substr(0, prefix.size()) != prefix) return false;
    next_.remove_prefix(prefix.size());
    return true;
  }
  bool expect(std::string_view prefix) {
    if (eat(prefix)) return true;
    return reject("expected `" + std::string(prefix) + "` at `" + std::string(next_) + "`");
  }
  bool kebab(std::string_view s) {
    if (is_kebab(s)) return true;
    std::string message = "`";
    message.append(s).append("` is not in kebab case");
    return reject(std::move(message));
  }
  bool expect_kebab() {
    std::string_view s = next_;
    next_ = {};
    return kebab(s);
  }
  bool take_kebab(std::string_view* out = nullptr) {
    size_t i = 0;
    while (i < next_.size() && is_kebab_char(next_[i])) ++i;
    if (i == next_.size()) {
      if (out) *out = next_;
      return expect_kebab();
    }
    std::string_view k = next_.substr(0, i);
    next_.remove_prefix(i);
    if (out) *out = k;
    return kebab(k);
  }
  bool take_lowercase_kebab() {
    std::string_view k;
    if (!take_kebab(&k)) return false;
    for (char c : k) {
      if (c >= 'A' && c <= 'Z') {
        return reject(std::string("character `") + c + "` is not lowercase in package name/namespace");
      }
    }
    return true;
  }
  // Up to (not including) `c`.
  bool take_up_to(char c, std::string_view* out) {
    size_t i = next_.find(c);
    if (i == std::string_view::npos) return reject(std::string("failed to find `") + c + "` character");
    *out = next_.substr(0, i);
    next_.remove_prefix(i);
    return true;
  }
  // Records why the name is invalid; returns false, for `return reject(...)`.
  bool reject(std::string message) {
    error_ = std::move(message);
    return false;
  }
  std::string take_error() { return std::move(error_); }

 private:
  std::string_view next_;
  std::string error_;
};

}  // namespace

bool is_kebab(std::string_view s) {
  bool lower = false, upper = false, first = true, digit = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') {
      if (upper) return false;
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      if (lower) return false;
      upper = true;
    } else if (c >= '0' && c <= '9') {
      if (!lower && !upper && first) return false;
      digit = true;
    } else if (c == '-') {
      if (!lower && !upper && !digit) return false;
      lower = upper = digit = false;
      first = false;
    } else {
      return false;
    }
  }
  return !s.empty() && s.back() != '-';
}

std::string_view ComponentName::resource() const {
  switch (kind) {
    case NameKind::Constructor: return raw.substr(kConstructor.size());
    case NameKind::Method: {
      std::string_view rest = raw.substr(kMethod.size());
      return rest.substr(0, rest.find('.'));
    }
    case NameKind::Static: {
      std::string_view rest = raw.substr(kStatic.size());
      return rest.substr(0, rest.find('.'));
    }
    default: return {};
  }
}

std::string_view ComponentName::ns() const { return raw.substr(0, raw.rfind(':')); }

std::string_view ComponentName::package() const {
  size_t colon = raw.rfind(':');
  size_t slash = raw.find('/');
  return raw.substr(colon + 1, slash - colon - 1);
}

std::string_view ComponentName::interface() const {
  size_t slash = raw.find('/');
  size_t at = raw.find('@');
  std::string_view projection = raw.substr(slash + 1, at == std::string_view::npos ? std::string_view::npos : at - slash - 1);
  return projection.substr(0, projection.find('/'));
}

BasicExpected<std::optional<Version>, std::string> ComponentName::version(
    const std::optional<std::string>& suffix) const {
  size_t at = raw.find('@');
  if (at == std::string_view::npos) return std::optional<Version>();
  std::string text(raw.substr(at + 1));
  if (suffix) text += *suffix;
  BasicExpected<Version, std::string> v = parse_version(text);
  if (!v) return Unexpected{std::move(v).error()};
  return std::optional<Version>(std::move(v).value());
}

BasicExpected<ComponentName, std::string> parse_component_name(std::string_view name) {
  ComponentName out;
  out.raw = name;
  NameParser p(name);
  bool ok;
  if (p.eat(kConstructor)) {
    out.kind = NameKind::Constructor;
    ok = p.expect_kebab();
  } else if (p.eat(kMethod) || p.eat(kStatic)) {
    out.kind = name.substr(0, kMethod.size()) == kMethod ? NameKind::Method : NameKind::Static;
    std::string_view resource;
    ok = p.take_up_to('.', &resource) && p.eat(".") && p.kebab(resource) && p.expect_kebab();
  } else if (p.eat("unlocked-dep=") || p.eat("locked-dep=")) {
    out.kind = NameKind::Dependency;
    std::string_view body;
    ok = p.expect("<") && p.take_up_to('>', &body);
    if (ok) {
      p.eat(">");
      // The rest (an optional `,integrity=<...>`) is not examined: such
      // names never name WIT items.
      while (!p.done()) p.eat(p.rest());
    }
  } else if (p.eat("url=")) {
    out.kind = NameKind::Url;
    std::string_view url;
    ok = p.expect("<") && p.take_up_to('>', &url);
    if (ok) {
      if (url.find('<') != std::string_view::npos) ok = p.reject("url cannot contain `<`");
      while (ok && !p.done()) p.eat(p.rest());
    }
  } else if (p.eat("integrity=")) {
    out.kind = NameKind::Hash;
    std::string_view hash;
    ok = p.expect("<") && p.take_up_to('>', &hash) && p.expect(">");
  } else if (name.find(':') != std::string_view::npos) {
    out.kind = NameKind::Interface;
    // ns:pkg/iface[@version]; nested namespaces and projections are a
    // feature the reference does not enable when it decodes WIT.
    ok = p.take_lowercase_kebab() && p.expect(":") && p.take_lowercase_kebab();
    if (ok) {
      if (p.eat("/")) {
        ok = p.take_kebab();
      } else {
        ok = p.reject("expected `/` after package name");
      }
    }
    if (ok && p.eat("@")) {
      // The version is checked where it is used, with its suffix.
      while (!p.done()) p.eat(p.rest());
    }
  } else {
    out.kind = NameKind::Label;
    ok = p.expect_kebab();
  }
  if (ok && !p.done()) ok = p.reject("trailing characters found: `" + std::string(p.rest()) + "`");
  if (!ok) return Unexpected{p.take_error()};
  return out;
}

}  // namespace plumb::wasm
