// The WIT syntax tree. Every node carries exact spans (global byte offsets,
// see SourceMap) and names are views into the source text. Nodes live in the
// Arena of the ParsedFile that owns them.
#pragma once

#include <string_view>
#include <variant>

#include "plumb/diagnostics/span.h"
#include "plumb/support/arena.h"
#include "plumb/support/semver.h"

namespace plumb::ast {

struct Id {
  std::string_view name;  // without the `%` of an explicit id
  Span span;              // the token, `%` included
};

// The comments directly before an item. The reference treats every comment
// as documentation; the text is derived on demand (see doc_text). Most items
// have none, so this is one pointer.
struct DocComments {
  List<Span> comments;
  Span span;  // first comment's start to last comment's end (trailing whitespace trimmed)
};

struct Docs {
  const DocComments* data = nullptr;
  bool empty() const { return data == nullptr; }
  List<Span> comments() const { return data ? data->comments : List<Span>{}; }
  Span span() const { return data ? data->span : Span{}; }
};

enum class AttrKind : unsigned char { Since, Unstable, Deprecated, ExternalId };

struct Attribute {
  AttrKind kind;
  Span span;                     // the attribute's name (`since`, ...)
  const Version* version;        // @since, @deprecated
  Id feature;                    // @unstable
  std::string_view external_id;  // @external-id, decoded
};

// `name`, or `ns:pkg/name@version`.
struct UsePath {
  Id name;
  bool qualified = false;
  Id ns;
  Id pkg;
  const Version* version = nullptr;
  Span package_span;  // `ns:pkg` (the reference's span for a missing package)
};

struct PackageName {
  Docs docs;
  Span span;  // `ns:pkg@version`
  Id ns;
  Id name;
  const Version* version = nullptr;
};

enum class TypeKind : unsigned char {
  Bool, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, Char, String, ErrorContext,
  Name,       // a reference to a named type
  List,       // list<a>
  FixedList,  // list<a, size>
  Map,        // map<a, b>
  Option,     // option<a>
  Result,     // result<a?, b?>
  Tuple,      // tuple<items...>
  Future,     // future<a?>
  Stream,     // stream<a?>
  Own,        // own<name>
  Borrow,     // borrow<name>
};

// 32 bytes: type expressions are the most numerous nodes.
struct Type {
  TypeKind kind;
  // FixedList: the length; Tuple: the number of items; Name/Own/Borrow: the
  // name's length.
  uint32_t count = 0;
  Span span;  // the keyword; for Name, Own and Borrow the name (as the reference)
  union {
    const Type* a = nullptr;      // List, FixedList, Option, Future, Stream: the element;
                                  // Map: the key; Result: ok
    const Type* const* items_;    // Tuple
    const char* name_;            // Name, Own, Borrow (without a leading `%`)
  };
  const Type* b = nullptr;  // Map: the value; Result: err

  List<const Type*> items() const { return {items_, count}; }
  Id name() const { return Id{std::string_view(name_, count), span}; }
};

struct Param {
  Id name;
  const Type* type;
};

struct Func {
  Span span;  // the `func` (or `constructor`) keyword
  bool async = false;
  List<Param> params;
  const Type* result = nullptr;
};

struct Field {
  Docs docs;
  Id name;
  const Type* type;
};

// A variant case (with an optional payload), a flag or an enum case.
struct Case {
  Docs docs;
  Id name;
  const Type* type = nullptr;
};

enum class ResourceFuncKind : unsigned char { Method, Static, Constructor };

struct ResourceFunc {
  ResourceFuncKind kind;
  Docs docs;
  List<Attribute> attrs;
  Id name;  // "constructor" with the keyword's span for constructors
  Func func;
};

enum class TypeDefKind : unsigned char { Alias, Record, Flags, Variant, Enum, Resource };

struct TypeDef {
  Docs docs;
  List<Attribute> attrs;
  Id name;
  TypeDefKind kind;
  const Type* alias = nullptr;  // Alias
  List<Field> fields;           // Record
  List<Case> cases;             // Flags, Variant, Enum
  List<ResourceFunc> funcs;     // Resource
  bool resource_body = false;   // `resource r { ... }` rather than `resource r;`
};

struct NamedFunc {
  Docs docs;
  List<Attribute> attrs;
  Id name;
  Func func;
};

struct UseName {
  Id name;
  Id as;  // empty name when there is no `as`
  const Id& local() const { return as.name.empty() ? name : as; }
};

struct Use {
  Span span;  // the `use` keyword
  List<Attribute> attrs;
  UsePath from;
  List<UseName> names;
};

struct IncludeName {
  Id name;
  Id as;
};

struct Include {
  Span span;  // the `include` keyword
  List<Attribute> attrs;
  UsePath from;
  List<IncludeName> names;
};

using InterfaceItem = std::variant<const TypeDef*, const NamedFunc*, const Use*>;

enum class ExternKind : unsigned char {
  Interface,  // name: interface { items }
  Path,       // path;
  Func,       // name: func(...);
  NamedPath,  // name: path;  (an interface under a label)
};

struct Extern {
  ExternKind kind;
  Id name;
  UsePath path;
  Func func;
  List<InterfaceItem> items;
  Span items_span;  // inline interface: `{` to `}`
  // The reference's span for errors about this import/export.
  Span span() const { return kind == ExternKind::Path ? path.name.span : name.span; }
};

struct ImportExport {
  Span span;  // the `import`/`export` keyword
  bool is_export;
  Docs docs;
  List<Attribute> attrs;
  Extern ext;
};

using WorldItem = std::variant<const ImportExport*, const Use*, const TypeDef*, const Include*>;

struct Interface {
  Docs docs;
  List<Attribute> attrs;
  Id name;
  List<InterfaceItem> items;
  Span body;  // `{` to `}`
};

struct World {
  Docs docs;
  List<Attribute> attrs;
  Id name;
  List<WorldItem> items;
  Span body;
};

struct ToplevelUse {
  Span span;  // the `use` keyword
  List<Attribute> attrs;
  UsePath item;
  Id as;  // empty name when there is no `as`
  const Id& local() const { return as.name.empty() ? item.name : as; }
};

struct NestedPackage;
using Decl = std::variant<const Interface*, const World*, const ToplevelUse*, const NestedPackage*>;

struct NestedPackage {
  Span span;  // the `package` keyword
  PackageName name;
  List<Decl> decls;
};

struct File {
  const PackageName* header = nullptr;  // `package ns:name;`
  List<Decl> decls;
};

}  // namespace plumb::ast
