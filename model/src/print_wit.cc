// The canonical WIT printer. Its layout decisions are the reference's, so
// that text printed here and text printed by `wasm-tools component wit`
// compare equal byte for byte:
//   - an interface (or world) body prints its `use`s, then its types, then
//     its functions; a resource's methods are printed inside the resource;
//   - a type that aliases a type of another interface is a `use`, and
//     neighbouring `use`s of one interface with equal gates share a line;
//   - a world prints its imported interfaces, then its types, then its
//     imported functions, then (after a blank line) its exports.
#include "plumb/model/print_wit.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include "wit_printer.h"

namespace plumb::wit_printing {
namespace {

// The words the reference escapes with `%` (wit-component's is_keyword).
constexpr std::array<std::string_view, 46> kKeywords{
    "use",      "type",    "func",    "u8",       "u16",     "u32",       "u64",    "s8",
    "s16",      "s32",     "s64",     "f32",      "f64",     "float32",   "float64", "char",
    "resource", "record",  "flags",   "variant",  "enum",    "bool",      "string", "option",
    "result",   "future",  "stream",  "list",     "own",     "borrow",    "_",      "as",
    "from",     "static",  "interface", "tuple",  "world",   "import",    "export", "package",
    "with",     "include", "constructor", "error-context", "async", "map",
};

// The keywords by length: a name is compared with the few of its length.
const std::array<std::vector<std::string_view>, 14>& keywords_by_length() {
  static const auto table = [] {
    std::array<std::vector<std::string_view>, 14> t;
    for (std::string_view k : kKeywords) t[k.size()].push_back(k);
    return t;
  }();
  return table;
}

bool is_keyword(std::string_view name) {
  if (name.size() >= 14) return false;
  for (std::string_view k : keywords_by_length()[name.size()]) {
    if (k[0] == name[0] && k == name) return true;
  }
  return false;
}

}  // namespace

std::string_view item_name(const Function& f) {
  if (f.kind == FunctionKind::Constructor) return "constructor";
  if (!f.has_resource()) return f.name;
  return f.name.substr(f.name.find('.') + 1);
}


void WitPrinter::name(std::string_view n) {
  if (is_keyword(n)) {
    out_.str("%");
    out_.raw(n);
  } else {
    out_.str(n);
  }
}

// One `///` line per line of the docs, split as Rust's str::lines does
// (at `\n` or `\r\n`; no empty line after a final line ending).
void WitPrinter::docs(const Docs& d) {
  if (!options_.docs || !d.present) return;
  out_.docs(d.text());
}

// `@since(version = 1.0.0)` and the like, on a line of its own.
void WitPrinter::gate(std::string_view attribute, std::string_view value) {
  out_.str(attribute);
  out_.raw(value);
  out_.raw(")");
  out_.newline();
}

void WitPrinter::stability(const Stability& s) {
  if (s.kind() == Stability::Kind::Stable && s.since()) {
    gate("@since(version = ", s.since()->to_string());
  } else if (s.kind() == Stability::Kind::Unstable) {
    gate("@unstable(feature = ", s.feature());
  } else {
    return;
  }
  if (s.deprecated()) gate("@deprecated(version = ", s.deprecated()->to_string());
}

// `@external-id("...")`: letters, digits and `-_./: ` as they are, the
// usual escapes for `\ " \n \r \t`, and `\u{hex}` for any other character.
void WitPrinter::external_id(const OptText& id) {
  if (!id.present) return;
  out_.str("@external-id(\"");
  std::string_view text = id.text();
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x80 && std::isalnum(c)) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ' ') {
      out_.raw(text.substr(i++, 1));
      continue;
    }
    switch (c) {
      case '\\': out_.raw("\\\\"); ++i; continue;
      case '"': out_.raw("\\\""); ++i; continue;
      case '\n': out_.raw("\\n"); ++i; continue;
      case '\r': out_.raw("\\r"); ++i; continue;
      case '\t': out_.raw("\\t"); ++i; continue;
      default: break;
    }
    // One UTF-8 character (the model holds valid UTF-8) as its code point.
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\u{%x}", cp);
    out_.raw(buf);
    i += len;
  }
  out_.raw("\")");
  out_.newline();
}

void WitPrinter::new_item() {
  if (any_items_) out_.newline();
  any_items_ = true;
}

void WitPrinter::package(PackageId id, bool is_main) {
  const Package& pkg = r_.package(id);
  docs(pkg.docs);
  out_.str("package ");
  name(pkg.name.ns);
  out_.raw(":");
  name(pkg.name.name);
  if (pkg.name.version) {
    out_.raw("@");
    out_.raw(pkg.name.version->to_string());
  }
  if (is_main) {
    out_.semicolon();
    out_.newline();
  } else {
    out_.open_block();
  }
  for (const auto& [iface_name, iface_id] : pkg.interfaces) {
    const Interface& iface = r_.interface(iface_id);
    docs(iface.docs);
    stability(iface.stability);
    out_.str("interface ");
    name(iface_name);
    out_.open_block();
    interface_body(iface_id);
    out_.close_block();
    if (is_main) out_.newline();
  }
  for (const auto& [world_name, world_id] : pkg.worlds) {
    const World& world = r_.world(world_id);
    docs(world.docs);
    stability(world.stability);
    out_.str("world ");
    name(world_name);
    out_.open_block();
    world_body(world_id);
    out_.close_block();
  }
  if (!is_main) out_.close_block();
}

void WitPrinter::interface_body(InterfaceId id) {
  bool outer_items = std::exchange(any_items_, false);
  const Interface& iface = r_.interface(id);
  ResourceFunctions resource_functions;
  std::vector<const Function*> freestanding;
  for (const auto& [fname, f] : iface.functions) {
    if (f.has_resource()) resource_functions[f.resource.index].push_back(&f);
    else freestanding.push_back(&f);
  }
  std::vector<std::pair<std::string_view, TypeId>> declared(iface.types.begin(), iface.types.end());
  types(TypeOwner::interface(id), declared, resource_functions);
  for (const Function* f : freestanding) {
    new_item();
    docs(f->docs);
    stability(f->stability);
    external_id(f->external_id);
    name(item_name(*f));
    out_.str(": ");
    function(*f);
    out_.semicolon();
  }
  any_items_ = outer_items;
}

void WitPrinter::types(TypeOwner owner, const std::vector<std::pair<std::string_view, TypeId>>& types,
                       const ResourceFunctions& resource_functions) {
  std::vector<UseGroup> uses;
  std::vector<const TypeDef*> to_declare;
  for (const auto& [local_name, id] : types) {
    const TypeDef& ty = r_.type(id);
    if (ty.kind == TypeDefKind::Alias && ty.element().is_ref()) {
      const TypeDef& other = r_.type(ty.element().id());
      if (other.owner.kind != TypeOwnerKind::None && !(other.owner == owner)) {
        if (!uses.empty() && uses.back().owner == other.owner && uses.back().first->stability == ty.stability &&
            uses.back().first->external_id == ty.external_id) {
          uses.back().names.emplace_back(local_name, other.name);
        } else {
          uses.push_back(UseGroup{other.owner, &ty, {{local_name, other.name}}});
        }
        continue;
      }
    }
    to_declare.push_back(&ty);
  }
  PackageId my_package = owner.kind == TypeOwnerKind::Interface ? *r_.interface(InterfaceId(owner.index)).package
                                                                : *r_.world(WorldId(owner.index)).package;
  for (const UseGroup& group : uses) use_statement(group, my_package);
  for (const TypeDef* ty : to_declare) {
    new_item();
    docs(ty->docs);
    stability(ty->stability);
    external_id(ty->external_id);
    if (ty->kind == TypeDefKind::Resource) {
      auto found = resource_functions.find(static_cast<uint32_t>(ty - r_.types.data()));
      resource(*ty, found == resource_functions.end() ? nullptr : &found->second);
    } else {
      declare(*ty);
    }
  }
}

void WitPrinter::use_statement(const UseGroup& group, PackageId my_package) {
  any_items_ = true;
  stability(group.first->stability);
  external_id(group.first->external_id);
  out_.str("use ");
  path_to_interface(InterfaceId(group.owner.index), my_package);
  out_.str(".{");
  for (size_t i = 0; i < group.names.size(); ++i) {
    const auto& [mine, theirs] = group.names[i];
    if (i > 0) out_.str(", ");
    name(theirs);
    if (mine != theirs) {
      out_.str(" as ");
      name(mine);
    }
  }
  out_.str("}");
  out_.semicolon();
}

void WitPrinter::resource(const TypeDef& ty, const std::vector<const Function*>* functions) {
  out_.str("resource ");
  name(ty.name);
  if (!functions || functions->empty()) {
    out_.semicolon();
    return;
  }
  out_.open_block();
  for (const Function* f : *functions) {
    docs(f->docs);
    stability(f->stability);
    external_id(f->external_id);
    if (f->kind != FunctionKind::Constructor) {
      name(item_name(*f));
      out_.str(": ");
      if (f->kind == FunctionKind::Static || f->kind == FunctionKind::AsyncStatic) out_.str("static ");
    }
    function(*f);
    out_.semicolon();
  }
  out_.close_block();
}

void WitPrinter::function(const Function& f) {
  if (f.is_async()) out_.str("async ");
  out_.str(f.kind == FunctionKind::Constructor ? "constructor(" : "func(");
  size_t skip = (f.kind == FunctionKind::Method || f.kind == FunctionKind::AsyncMethod) ? 1 : 0;
  for (size_t i = skip; i < f.params.size(); ++i) {
    if (i > skip) out_.str(", ");
    name(f.params[i].name);
    out_.str(": ");
    type_name(f.params[i].type);
  }
  out_.str(")");
  if (!f.result) return;
  if (f.kind == FunctionKind::Constructor && f.result->is_ref()) {
    // The shorthand `constructor(...)` returns its own resource.
    const TypeDef& result = r_.type(f.result->id());
    if (result.kind == TypeDefKind::Handle && result.handle == HandleKind::Own && result.resource() == f.resource) {
      return;
    }
  }
  out_.str(" -> ");
  type_name(*f.result);
}

}  // namespace plumb::wit_printing

namespace plumb {

namespace {

void print_packages(wit_printing::WitPrinter& printer, PackageId main, std::span<const PackageId> nested) {
  printer.package(main, true);
  for (size_t i = 0; i < nested.size(); ++i) {
    if (i > 0) {
      printer.blank_line();
      printer.blank_line();
    }
    printer.package(nested[i], false);
  }
}

}  // namespace

std::string print_wit(const Resolve& resolve, PackageId main, std::span<const PackageId> nested,
                      const WitPrintOptions& options) {
  wit_printing::WitPrinter printer(resolve, options);
  // The text is about as long as the source it was read from: allocating
  // it once spares the copies and page faults of a growing string (a tenth
  // of `plumb print`'s time on WASI 0.2).
  size_t source_bytes = 0;
  for (FileId i = 0; i < resolve.sources.size(); ++i) source_bytes += resolve.sources.file(i).text().size();
  printer.reserve(source_bytes + source_bytes / 8);
  print_packages(printer, main, nested);
  return printer.take();
}

void print_wit(const Resolve& resolve, PackageId main, std::span<const PackageId> nested,
               const WitPrintOptions& options, const std::function<void(std::string_view)>& sink) {
  wit_printing::WitPrinter printer(resolve, options);
  printer.stream_to(sink);
  print_packages(printer, main, nested);
  printer.flush();
}

std::vector<PackageId> nested_packages(const Resolve& resolve, PackageId main) {
  std::vector<PackageId> nested;
  for (size_t i = 0; i < resolve.packages.size(); ++i) {
    if (i != main.index) nested.emplace_back(i);
  }
  return nested;
}

}  // namespace plumb
