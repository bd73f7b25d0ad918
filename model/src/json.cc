#include "plumb/model/json.h"

#include "plumb/support/json_escape.h"

namespace plumb {
namespace {

// A streaming writer laid out like serde_json's pretty printer: two-space
// indent, `"key": value`, empty containers as `{}`/`[]`. Writing straight to
// a string keeps large models (tens of thousands of interfaces) cheap; a
// document tree would double the memory.
class Writer {
 public:
  std::string out;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k) {
    element();
    string_literal(k);
    out += ": ";
    pending_value_ = true;
  }
  void value(std::string_view s) {
    element();
    string_literal(s);
  }
  void value(uint64_t n) {
    element();
    out += std::to_string(n);
  }
  void null() {
    element();
    out += "null";
  }
  // Shorthands.
  void field(std::string_view k, std::string_view v) {
    key(k);
    value(v);
  }
  void field(std::string_view k, uint64_t v) {
    key(k);
    value(v);
  }

 private:
  struct Level {
    bool empty = true;
  };

  void element() {
    if (pending_value_) {
      pending_value_ = false;
      return;
    }
    if (levels_.empty()) return;
    Level& l = levels_.back();
    out += l.empty ? "\n" : ",\n";
    l.empty = false;
    indent();
  }
  void open(char c) {
    element();
    out += c;
    levels_.push_back(Level{});
  }
  void close(char c) {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) {
      out += '\n';
      indent();
    }
    out += c;
  }
  void indent() { out.append(levels_.size() * 2, ' '); }
  void string_literal(std::string_view s) { append_json_string(out, s); }

  std::vector<Level> levels_;
  bool pending_value_ = false;
};

void write_type(Writer& w, Type t) {
  if (t.is_ref()) w.value(t.id().index);
  else w.value(primitive_name(t.kind()));
}

void write_opt_type(Writer& w, std::optional<Type> t) {
  if (t) write_type(w, *t);
  else w.null();
}

void write_docs(Writer& w, const Docs& docs) {
  if (!docs.present) return;
  w.key("docs");
  w.begin_object();
  w.field("contents", docs.text());
  w.end_object();
}

void write_stability(Writer& w, const Stability& s) {
  if (s.unknown()) return;
  w.key("stability");
  w.begin_object();
  if (s.kind() == Stability::Kind::Stable) {
    w.key("stable");
    w.begin_object();
    w.field("since", s.since()->to_string());
  } else {
    w.key("unstable");
    w.begin_object();
    w.field("feature", s.feature());
  }
  if (s.deprecated()) w.field("deprecated", s.deprecated()->to_string());
  w.end_object();
  w.end_object();
}

void write_external_id(Writer& w, const OptText& id) {
  if (id.present) w.field("external_id", id.text());
}

void write_id_map(Writer& w, std::string_view key, const auto& map) {
  w.key(key);
  w.begin_object();
  for (const auto& [name, id] : map) w.field(name, id.index);
  w.end_object();
}

void write_function(Writer& w, const Function& f) {
  w.begin_object();
  w.field("name", f.name);
  w.key("kind");
  const char* kinds[] = {"freestanding", "async-freestanding", "method", "async-method",
                         "static",       "async-static",       "constructor"};
  const char* kind = kinds[static_cast<int>(f.kind)];
  if (f.has_resource()) {
    w.begin_object();
    w.field(kind, f.resource.index);
    w.end_object();
  } else {
    w.value(kind);
  }
  w.key("params");
  w.begin_array();
  for (const Param& p : f.params) {
    w.begin_object();
    if (!p.name.empty()) w.field("name", p.name);
    w.key("type");
    write_type(w, p.type);
    w.end_object();
  }
  w.end_array();
  if (f.result) {
    w.key("result");
    write_type(w, *f.result);
  }
  write_docs(w, f.docs);
  write_stability(w, f.stability);
  write_external_id(w, f.external_id);
  w.end_object();
}

void write_world_items(Writer& w, std::string_view key, const IndexMap<WorldKey, WorldItem, WorldKeyHash>& items) {
  w.key(key);
  w.begin_object();
  for (const auto& [k, item] : items) {
    w.key(k.is_interface ? "interface-" + std::to_string(k.interface.index) : std::string(k.name));
    w.begin_object();
    switch (item.kind) {
      case WorldItemKind::Interface:
        w.key("interface");
        w.begin_object();
        w.field("id", item.interface.index);
        write_stability(w, item.stability);
        write_external_id(w, item.external_id);
        write_docs(w, item.docs);
        w.end_object();
        break;
      case WorldItemKind::Function:
        w.key("function");
        write_function(w, item.function);
        break;
      case WorldItemKind::Type:
        w.field("type", item.type.index);
        break;
    }
    w.end_object();
  }
  w.end_object();
}

void write_members(Writer& w, std::string_view list_key, const TypeDef& t, bool with_types, bool nullable_types) {
  w.begin_object();
  w.key(list_key);
  w.begin_array();
  for (const Member& m : t.members) {
    w.begin_object();
    w.field("name", m.name);
    if (with_types) {
      w.key("type");
      if (nullable_types) write_opt_type(w, m.has_type ? std::optional<Type>(m.type) : std::nullopt);
      else write_type(w, m.type);
    }
    write_docs(w, m.docs);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// The kinds made of named members (and tuples): a record's fields, a
// variant's cases...; false for any other kind.
bool write_member_kind(Writer& w, const TypeDef& t) {
  switch (t.kind) {
    case TypeDefKind::Record:
      w.key("record");
      write_members(w, "fields", t, true, false);
      break;
    case TypeDefKind::Flags:
      w.key("flags");
      write_members(w, "flags", t, false, false);
      break;
    case TypeDefKind::Enum:
      w.key("enum");
      write_members(w, "cases", t, false, false);
      break;
    case TypeDefKind::Variant:
      w.key("variant");
      write_members(w, "cases", t, true, true);
      break;
    case TypeDefKind::Tuple:
      w.key("tuple");
      w.begin_object();
      w.key("types");
      w.begin_array();
      for (const Member& m : t.members) write_type(w, m.type);
      w.end_array();
      w.end_object();
      return true;
    default:
      return false;
  }
  return true;
}

// The kinds made of type operands: handles, options, lists, results...
void write_operand_kind(Writer& w, const TypeDef& t) {
  switch (t.kind) {
    case TypeDefKind::Handle:
      w.key("handle");
      w.begin_object();
      w.field(t.handle == HandleKind::Own ? "own" : "borrow", t.resource().index);
      w.end_object();
      break;
    case TypeDefKind::Option:
      w.key("option");
      write_type(w, t.element());
      break;
    case TypeDefKind::List:
      w.key("list");
      write_type(w, t.element());
      break;
    case TypeDefKind::Alias:
      w.key("type");
      write_type(w, t.element());
      break;
    case TypeDefKind::Future:
    case TypeDefKind::Stream:
      w.key(t.kind == TypeDefKind::Future ? "future" : "stream");
      write_opt_type(w, t.payload());
      break;
    case TypeDefKind::Result:
      w.key("result");
      w.begin_object();
      w.key("ok");
      write_opt_type(w, t.ok());
      w.key("err");
      write_opt_type(w, t.err());
      w.end_object();
      break;
    case TypeDefKind::Map:
      w.key("map");
      w.begin_array();
      write_type(w, t.key());
      write_type(w, t.value());
      w.end_array();
      break;
    case TypeDefKind::FixedList:
      w.key("fixed-length-list");
      w.begin_array();
      write_type(w, t.element());
      w.value(t.size);
      w.end_array();
      break;
    default:
      break;
  }
}

void write_kind(Writer& w, const TypeDef& t) {
  w.key("kind");
  switch (t.kind) {
    case TypeDefKind::Resource: w.value("resource"); return;
    case TypeDefKind::Unknown: w.value("unknown"); return;
    default: break;
  }
  w.begin_object();
  if (!write_member_kind(w, t)) write_operand_kind(w, t);
  w.end_object();
}

void write_owner(Writer& w, TypeOwner owner) {
  w.key("owner");
  if (owner.kind == TypeOwnerKind::None) {
    w.null();
    return;
  }
  w.begin_object();
  w.field(owner.kind == TypeOwnerKind::Interface ? "interface" : "world", owner.index);
  w.end_object();
}

void write_optional_id(Writer& w, std::string_view key, const auto& id) {
  w.key(key);
  if (id) w.value(id->index);
  else w.null();
}

}  // namespace

std::string to_json(const Resolve& r) {
  Writer w;
  w.out.reserve(r.types.size() * 120 + r.interfaces.size() * 400 + 1024);
  w.begin_object();

  w.key("worlds");
  w.begin_array();
  for (const World& world : r.worlds) {
    w.begin_object();
    w.field("name", world.name);
    write_world_items(w, "imports", world.imports);
    write_world_items(w, "exports", world.exports);
    write_optional_id(w, "package", world.package);
    write_docs(w, world.docs);
    write_stability(w, world.stability);
    w.end_object();
  }
  w.end_array();

  w.key("interfaces");
  w.begin_array();
  for (const Interface& iface : r.interfaces) {
    w.begin_object();
    w.key("name");
    if (iface.name.empty()) w.null();
    else w.value(iface.name);
    write_id_map(w, "types", iface.types);
    w.key("functions");
    w.begin_object();
    for (const auto& [name, f] : iface.functions) {
      w.key(name);
      write_function(w, f);
    }
    w.end_object();
    write_docs(w, iface.docs);
    write_stability(w, iface.stability);
    write_optional_id(w, "package", iface.package);
    if (iface.clone_of) w.field("clone_of", iface.clone_of->index);
    w.end_object();
  }
  w.end_array();

  w.key("types");
  w.begin_array();
  for (const TypeDef& t : r.types) {
    w.begin_object();
    w.key("name");
    if (t.name.empty()) w.null();
    else w.value(t.name);
    write_kind(w, t);
    write_owner(w, t.owner);
    write_docs(w, t.docs);
    write_stability(w, t.stability);
    write_external_id(w, t.external_id);
    w.end_object();
  }
  w.end_array();

  w.key("packages");
  w.begin_array();
  for (const Package& p : r.packages) {
    w.begin_object();
    w.field("name", p.name.to_string());
    write_docs(w, p.docs);
    write_id_map(w, "interfaces", p.interfaces);
    write_id_map(w, "worlds", p.worlds);
    w.end_object();
  }
  w.end_array();

  w.end_object();
  return std::move(w.out);
}

}  // namespace plumb
