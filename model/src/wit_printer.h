// The canonical WIT printer's state and steps, shared by the files that
// print packages and interfaces (print_wit.cc), types (print_wit_types.cc)
// and worlds (print_wit_worlds.cc).
#pragma once

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "plumb/model/print_wit.h"
#include "wit_output.h"

namespace plumb::wit_printing {

using ResourceFunctions = std::unordered_map<uint32_t, std::vector<const Function*>>;

// A `use` statement being gathered: the interface, the first type's gates,
// and (local name, name in the interface) pairs.
struct UseGroup {
  TypeOwner owner;
  const TypeDef* first;
  std::vector<std::pair<std::string_view, std::string_view>> names;
};

class WitPrinter {
 public:
  WitPrinter(const Resolve& resolve, const WitPrintOptions& options) : r_(resolve), options_(options) {}

  void package(PackageId id, bool is_main);
  std::string take() { return out_.take(); }
  void reserve(size_t bytes) { out_.reserve(bytes); }
  void stream_to(const WitOutput::Sink& sink) { out_.stream_to(sink); }
  void flush() { out_.flush(); }
  void blank_line() { out_.newline(); }

 private:
  void name(std::string_view n);
  void docs(const Docs& d);
  void stability(const Stability& s);
  void gate(std::string_view attribute, std::string_view value);
  void external_id(const OptText& id);
  void new_item();

  void interface_body(InterfaceId id);
  void types(TypeOwner owner, const std::vector<std::pair<std::string_view, TypeId>>& types,
             const ResourceFunctions& resource_functions);
  void use_statement(const UseGroup& group, PackageId my_package);
  void resource(const TypeDef& ty, const std::vector<const Function*>* functions);
  void function(const Function& f);

  void world_body(WorldId id);
  void world_item(const WorldKey& key, const WorldItem& item, PackageId package, std::string_view keyword);
  void path_to_interface(InterfaceId id, PackageId current);

  void type_name(Type t);
  void anonymous_type(const TypeDef& ty);
  void generic(std::string_view builtin, std::initializer_list<Type> args);
  void handle(const TypeDef& ty, bool force_own);
  void result_type(const TypeDef& ty);
  void declare(const TypeDef& ty);
  void declare_members(std::string_view keyword, const TypeDef& ty);

  const Resolve& r_;
  const WitPrintOptions& options_;
  WitOutput out_;
  bool any_items_ = false;  // whether the current block has an item yet
};

// The name a function is declared under: `m` of `[method]r.m`.
std::string_view item_name(const Function& f);

}  // namespace plumb::wit_printing
