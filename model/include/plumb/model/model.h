// The resolved model of WIT: packages, interfaces, worlds, types and
// functions in arenas addressed by typed ids, with the shapes of the
// reference's `Resolve` (wit-parser), so that ids and the JSON of the model
// agree with it.
//
// Names are string_views into storage that lives as long as the Resolve:
// the source files (SourceMap) or the Resolve's string arena.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/source_map.h"
#include "plumb/diagnostics/span.h"
#include "plumb/support/arena.h"
#include "plumb/support/semver.h"
#include "plumb/support/index_map.h"

namespace plumb {

template <class Tag>
struct Id {
  uint32_t index = UINT32_MAX;
  constexpr Id() = default;
  constexpr explicit Id(uint32_t i) : index(i) {}
  constexpr explicit Id(size_t i) : index(static_cast<uint32_t>(i)) {}
  constexpr bool valid() const { return index != UINT32_MAX; }
  friend constexpr auto operator<=>(Id, Id) = default;
};
using TypeId = Id<struct TypeTag>;
using InterfaceId = Id<struct InterfaceTag>;
using WorldId = Id<struct WorldTag>;
using PackageId = Id<struct PackageTag>;

template <class Tag>
struct IdHash {
  size_t operator()(Id<Tag> id) const { return std::hash<uint32_t>()(id.index); }
};

// A value type: a primitive, or a reference to a TypeDef.
// A value type: a primitive, or a reference to a TypeDef. Four bytes: the
// type id itself, or one of the last sixteen values for a primitive (every
// type definition, member and parameter holds one or two).
class Type {
 public:
  enum Kind : uint8_t { Bool, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, Char, String, ErrorContext, Ref };

  constexpr Type() = default;  // bool
  static constexpr Type primitive(Kind k) { return Type(kPrimitiveBase + k); }
  static constexpr Type ref(TypeId id) { return Type(id.index); }

  constexpr Kind kind() const { return bits_ >= kPrimitiveBase ? static_cast<Kind>(bits_ - kPrimitiveBase) : Ref; }
  constexpr bool is_ref() const { return bits_ < kPrimitiveBase; }
  // The referenced type (only for a reference).
  constexpr TypeId id() const { return TypeId(bits_); }
  void set_id(TypeId id) { bits_ = id.index; }
  friend constexpr bool operator==(Type a, Type b) { return a.bits_ == b.bits_; }

 private:
  static constexpr uint32_t kPrimitiveBase = UINT32_MAX - 15;
  constexpr explicit Type(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = kPrimitiveBase + Bool;
};

// A primitive's WIT name (`u32`, `error-context`), as the JSON and the
// printed WIT spell it; empty for Ref.
std::string_view primitive_name(Type::Kind kind);

// Text that may be absent (docs, external ids): present with empty text is
// not the same as absent, in the reference's JSON. 16 bytes (every type,
// function and member has two or one of these).
class OptText {
 public:
  OptText() = default;
  OptText(std::string_view text, bool present)
      : data_(text.data()), size_(static_cast<uint32_t>(text.size())), present(present) {}
  std::string_view text() const { return {data_, size_}; }
  friend bool operator==(const OptText& a, const OptText& b) {
    return a.present == b.present && a.text() == b.text();
  }

 private:
  const char* data_ = nullptr;
  uint32_t size_ = 0;

 public:
  bool present = false;
};
using Docs = OptText;

// What a @since / @unstable (with an optional @deprecated) says.
struct StabilityGate {
  enum class Kind : uint8_t { Unknown, Stable, Unstable };
  Kind kind = Kind::Unknown;
  const Version* since = nullptr;       // Stable
  std::string_view feature;             // Unstable
  const Version* deprecated = nullptr;  // either
};

// The stability of an item: a handle on its gate, held by the model's
// Strings; none (the default) is Unknown. A handle keeps every type,
// function and world item 32 bytes smaller than the gate itself would.
class Stability {
 public:
  using Kind = StabilityGate::Kind;
  Stability() = default;
  explicit Stability(const StabilityGate* gate) : gate_(gate) {}

  Kind kind() const { return gate_ ? gate_->kind : Kind::Unknown; }
  const Version* since() const { return gate_ ? gate_->since : nullptr; }
  std::string_view feature() const { return gate_ ? gate_->feature : std::string_view(); }
  const Version* deprecated() const { return gate_ ? gate_->deprecated : nullptr; }
  bool unknown() const { return kind() == Kind::Unknown; }
  friend bool operator==(const Stability& a, const Stability& b);

 private:
  const StabilityGate* gate_ = nullptr;
};

struct PackageName {
  std::string_view ns;
  std::string_view name;
  std::optional<Version> version;

  std::string to_string() const;           // ns:name@version
  std::string id_of(std::string_view interface) const;  // ns:name/interface@version
  // (namespace, name, version) with no version before any version, as the
  // reference's BTreeMap orders packages.
  friend std::strong_ordering operator<=>(const PackageName& a, const PackageName& b);
  friend bool operator==(const PackageName& a, const PackageName& b) {
    return a.ns == b.ns && a.name == b.name && a.version == b.version;
  }
};

struct PackageNameHash {
  size_t operator()(const PackageName& n) const {
    size_t h = std::hash<std::string_view>()(n.ns) * 31 + std::hash<std::string_view>()(n.name);
    return n.version ? h * 31 + std::hash<uint64_t>()(n.version->major * 1000003 + n.version->minor * 1009 + n.version->patch) : h;
  }
};

enum class TypeOwnerKind : uint8_t { None, Interface, World };
struct TypeOwner {
  TypeOwnerKind kind = TypeOwnerKind::None;
  uint32_t index = 0;
  static TypeOwner none() { return {}; }
  static TypeOwner interface(InterfaceId id) { return {TypeOwnerKind::Interface, id.index}; }
  static TypeOwner world(WorldId id) { return {TypeOwnerKind::World, id.index}; }
  friend bool operator==(const TypeOwner& a, const TypeOwner& b) {
    return a.kind == b.kind && (a.kind == TypeOwnerKind::None || a.index == b.index);
  }
};

// A record field, variant case, flag, enum case or tuple member.
struct Member {
  std::string_view name;  // empty for tuple members
  Type type;
  bool has_type = false;  // false for flags, enum cases and payload-less variant cases
  Docs docs;
  Span span;
};

enum class TypeDefKind : uint8_t {
  Record, Resource, Handle, Flags, Tuple, Variant, Enum, Option, Result, List, Map, FixedList, Future, Stream,
  Alias,    // `type a = b`
  Unknown,  // a type of a foreign package, before it is linked
};
enum class HandleKind : uint8_t { Own, Borrow };

struct TypeDef {
  std::string_view name;  // empty for anonymous types
  TypeDefKind kind = TypeDefKind::Unknown;
  HandleKind handle = HandleKind::Own;

 private:
  // Two type slots, named by what they hold for this kind (the accessors
  // below): Option, List, FixedList, Alias, Handle: the element (first).
  // Map: key (first) and value (second). Result: ok and err, each optional.
  // Future/Stream: the optional payload (first).
  bool has_first_ = false, has_second_ = false;
  Type first_, second_;

 public:
  uint32_t size = 0;            // FixedList

  Type element() const { return first_; }  // Option, List, FixedList; Alias: the target
  TypeId resource() const { return first_.id(); }  // Handle
  Type key() const { return first_; }    // Map
  Type value() const { return second_; }  // Map
  std::optional<Type> ok() const { return has_first_ ? std::optional<Type>(first_) : std::nullopt; }    // Result
  std::optional<Type> err() const { return has_second_ ? std::optional<Type>(second_) : std::nullopt; }  // Result
  std::optional<Type> payload() const { return ok(); }  // Future, Stream

  void set_element(Type t) { set_slots(t, std::nullopt); }  // Option, List, FixedList, Alias
  void set_resource(TypeId id) { set_slots(Type::ref(id), std::nullopt); }  // Handle
  void set_map(Type key, Type value) { set_slots(key, value); }
  void set_result(std::optional<Type> ok, std::optional<Type> err) { set_slots(ok, err); }
  void set_payload(std::optional<Type> payload) { set_slots(payload, std::nullopt); }  // Future, Stream

  // The slots by position, for code that treats every kind alike (hashing,
  // structural comparison): ok() and err() under neutral names.
  std::optional<Type> first_slot() const { return ok(); }
  std::optional<Type> second_slot() const { return err(); }

  // Calls `f(Type&)` on each slot that holds a type (first, then second):
  // for the passes that rewrite type ids in place.
  template <class F>
  void for_each_slot(F&& f) {
    if (has_first_) f(first_);
    if (has_second_) f(second_);
  }
  template <class F>
  void for_each_slot(F&& f) const {
    if (has_first_) f(first_);
    if (has_second_) f(second_);
  }

  std::vector<Member> members;  // Record, Flags, Tuple, Variant, Enum
  TypeOwner owner;
  Docs docs;
  Stability stability;
  Span span;
  OptText external_id;

 private:
  void set_slots(std::optional<Type> first, std::optional<Type> second) {
    has_first_ = first.has_value();
    first_ = first.value_or(Type());
    has_second_ = second.has_value();
    second_ = second.value_or(Type());
  }
};
// Every type definition of a Resolve is one of these: keep it this size
// (on 64-bit targets).
static_assert(sizeof(void*) != 8 || sizeof(TypeDef) == 112, "TypeDef grew");

enum class FunctionKind : uint8_t { Freestanding, AsyncFreestanding, Method, AsyncMethod, Static, AsyncStatic, Constructor };

struct Param {
  std::string_view name;
  Type type;
  Span span;
};

struct Function {
  std::string_view name;  // mangled: `f`, `[method]r.m`, `[static]r.s`, `[constructor]r`
  FunctionKind kind = FunctionKind::Freestanding;
  TypeId resource;  // Method, Static, Constructor (and async forms)
  std::vector<Param> params;
  std::optional<Type> result;
  Docs docs;
  Stability stability;
  Span span;
  OptText external_id;

  bool has_resource() const { return kind >= FunctionKind::Method; }
  bool is_async() const {
    return kind == FunctionKind::AsyncFreestanding || kind == FunctionKind::AsyncMethod ||
           kind == FunctionKind::AsyncStatic;
  }
};

struct Interface {
  std::string_view name;  // empty for inline interfaces
  IndexMap<std::string_view, TypeId> types;
  IndexMap<std::string_view, Function> functions;
  Docs docs;
  Stability stability;
  std::optional<PackageId> package;
  Span span;
  std::optional<InterfaceId> clone_of;
};

// The key of a world import/export: a kebab name, or an interface.
struct WorldKey {
  bool is_interface = false;
  std::string_view name;
  InterfaceId interface;
  static WorldKey of_name(std::string_view n) { return WorldKey{false, n, InterfaceId()}; }
  static WorldKey of_interface(InterfaceId i) { return WorldKey{true, {}, i}; }
  friend bool operator==(const WorldKey& a, const WorldKey& b) {
    return a.is_interface == b.is_interface && (a.is_interface ? a.interface == b.interface : a.name == b.name);
  }
};
struct WorldKeyHash {
  size_t operator()(const WorldKey& k) const {
    return k.is_interface ? std::hash<uint32_t>()(k.interface.index) * 2 + 1 : std::hash<std::string_view>()(k.name) * 2;
  }
};

enum class WorldItemKind : uint8_t { Interface, Function, Type };
struct WorldItem {
  WorldItemKind kind = WorldItemKind::Interface;
  InterfaceId interface;  // Interface
  TypeId type;            // Type
  Function function;      // Function
  Stability stability;    // Interface
  OptText external_id;    // Interface
  Docs docs;              // Interface: the statement's own docs
  Span span;
};

struct IncludeName {
  std::string_view name;
  std::string_view as;
};

struct WorldInclude {
  Stability stability;
  WorldId world;
  std::vector<IncludeName> names;
  Span span;
};

struct World {
  std::string_view name;
  IndexMap<WorldKey, WorldItem, WorldKeyHash> imports;
  IndexMap<WorldKey, WorldItem, WorldKeyHash> exports;
  std::optional<PackageId> package;
  Docs docs;
  Stability stability;
  std::vector<WorldInclude> includes;  // consumed by linking
  Span span;
};

struct Package {
  PackageName name;
  Docs docs;
  IndexMap<std::string_view, InterfaceId> interfaces;
  IndexMap<std::string_view, WorldId> worlds;
};

// Storage that outlives every stage: strings the model makes (mangled
// names, docs) and versions.
class Strings {
 public:
  std::string_view add(std::string_view s) { return arena_.copy_string(s); }
  // One copy of each version, however many gates name it (most of a
  // package's gates say the same few versions).
  // Gates come in runs of the same one, so the last of each is checked
  // before the sets are searched.
  const Version* add(const Version& v) {
    if (last_version_ == nullptr || !(*last_version_ == v)) last_version_ = &*versions_.insert(v).first;
    return last_version_;
  }
  // A stability saying what `gate` says (none for a gate that says nothing).
  Stability add(const StabilityGate& gate) {
    if (gate.kind == Stability::Kind::Unknown && !gate.deprecated) return Stability();
    if (last_gate_ == nullptr || !same_gate(*last_gate_, gate)) last_gate_ = &*gates_.insert(gate).first;
    return Stability(last_gate_);
  }

 private:
  Arena arena_;
  std::set<Version> versions_;  // nodes: their addresses never change
  // One of each gate too; ordered by content (versions by address, as
  // they are held once each).
  struct GateOrder {
    bool operator()(const StabilityGate& a, const StabilityGate& b) const {
      std::less<const Version*> before;
      if (a.kind != b.kind) return a.kind < b.kind;
      if (a.since != b.since) return before(a.since, b.since);
      if (a.feature != b.feature) return a.feature < b.feature;
      return before(a.deprecated, b.deprecated);
    }
  };
  std::set<StabilityGate, GateOrder> gates_;
  static bool same_gate(const StabilityGate& a, const StabilityGate& b) {
    return a.kind == b.kind && a.since == b.since && a.feature == b.feature && a.deprecated == b.deprecated;
  }
  const Version* last_version_ = nullptr;
  const StabilityGate* last_gate_ = nullptr;
};

struct Resolve {
  std::vector<World> worlds;
  std::vector<Interface> interfaces;
  std::vector<TypeDef> types;
  std::vector<Package> packages;
  IndexMap<PackageName, PackageId, PackageNameHash> package_names;

  std::set<std::string, std::less<>> features;  // enabled @unstable features
  // Every feature named by an `@unstable(feature = ...)` gate of the WIT
  // read, enabled or not (to warn about a --features name nothing uses).
  std::set<std::string, std::less<>> gate_features;
  bool all_features = false;
  bool doc_text = true;  // see ResolveOptions::doc_text

  SourceMap sources;
  Strings strings;

  TypeDef& type(TypeId id) { return types[id.index]; }
  const TypeDef& type(TypeId id) const { return types[id.index]; }
  Interface& interface(InterfaceId id) { return interfaces[id.index]; }
  const Interface& interface(InterfaceId id) const { return interfaces[id.index]; }
  World& world(WorldId id) { return worlds[id.index]; }
  const World& world(WorldId id) const { return worlds[id.index]; }
  Package& package(PackageId id) { return packages[id.index]; }
  const Package& package(PackageId id) const { return packages[id.index]; }

  // `ns:pkg/iface@version` of a named interface.
  std::string id_of(InterfaceId id) const;
};

}  // namespace plumb
