#include "plumb/model/model.h"

namespace plumb {

namespace {
bool same_version(const Version* a, const Version* b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return *a == *b;
}
}  // namespace

bool operator==(const Stability& a, const Stability& b) {
  return a.kind() == b.kind() && same_version(a.since(), b.since()) && a.feature() == b.feature() &&
         same_version(a.deprecated(), b.deprecated());
}

std::string_view primitive_name(Type::Kind k) {
  switch (k) {
    case Type::Bool: return "bool";
    case Type::U8: return "u8";
    case Type::U16: return "u16";
    case Type::U32: return "u32";
    case Type::U64: return "u64";
    case Type::S8: return "s8";
    case Type::S16: return "s16";
    case Type::S32: return "s32";
    case Type::S64: return "s64";
    case Type::F32: return "f32";
    case Type::F64: return "f64";
    case Type::Char: return "char";
    case Type::String: return "string";
    case Type::ErrorContext: return "error-context";
    case Type::Ref: return "";
  }
  return "";
}

std::string PackageName::to_string() const {
  std::string s;
  s.reserve(ns.size() + name.size() + 16);
  s.append(ns).append(":").append(name);
  if (version) s.append("@").append(version->to_string());
  return s;
}

std::string PackageName::id_of(std::string_view interface) const {
  std::string s;
  s.append(ns).append(":").append(name).append("/").append(interface);
  if (version) s.append("@").append(version->to_string());
  return s;
}

std::strong_ordering operator<=>(const PackageName& a, const PackageName& b) {
  if (auto c = a.ns.compare(b.ns) <=> 0; c != 0) return c;
  if (auto c = a.name.compare(b.name) <=> 0; c != 0) return c;
  if (!a.version || !b.version) return a.version.has_value() <=> b.version.has_value();
  return *a.version <=> *b.version;
}

std::string Resolve::id_of(InterfaceId id) const {
  const Interface& iface = interface(id);
  return package(*iface.package).name.id_of(iface.name);
}

}  // namespace plumb
