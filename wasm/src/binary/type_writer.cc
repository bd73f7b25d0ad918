#include "plumb/wasm/type_writer.h"

#include "byte_writer.h"

namespace plumb::wasm {

void DeclWriter::begin_defined(DefinedKind kind) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(Decl::Kind::Type));
  if (kind != DefinedKind::Primitive) put_byte(out_, static_cast<uint8_t>(kind));
}

void DeclWriter::begin_func(bool async, uint32_t params) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(Decl::Kind::Type));
  put_byte(out_, async ? 0x43 : 0x40);
  put_u32(out_, params);
}

void DeclWriter::func_result(const std::optional<ValType>& result) {
  if (result) {
    put_byte(out_, 0x00);
    put_valtype(out_, *result);
  } else {
    put_byte(out_, 0x01);
    put_byte(out_, 0x00);
  }
}

void DeclWriter::nested(bool component, const DeclWriter& body) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(Decl::Kind::Type));
  put_byte(out_, component ? 0x41 : 0x42);
  put_u32(out_, body.count_);
  out_.append(body.out_);
}

void DeclWriter::extern_decl(Decl::Kind kind, const NameRef& name, const ExternType& type) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(kind));
  put_extern_name(out_, name.name, name.implements, std::nullopt, name.external_id);
  put_extern_type(out_, type);
}

void DeclWriter::alias_export(Sort sort, uint32_t instance, std::string_view name) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(Decl::Kind::Alias));
  put_sort(out_, sort);
  put_byte(out_, 0x00);
  put_u32(out_, instance);
  put_name(out_, name);
}

void DeclWriter::alias_outer(Sort sort, uint32_t count, uint32_t index) {
  ++count_;
  put_byte(out_, static_cast<uint8_t>(Decl::Kind::Alias));
  put_sort(out_, sort);
  put_byte(out_, 0x02);
  put_u32(out_, count);
  put_u32(out_, index);
}

void DeclWriter::byte(uint8_t b) { put_byte(out_, b); }
void DeclWriter::u32(uint32_t v) { put_u32(out_, v); }
void DeclWriter::name(std::string_view s) { put_name(out_, s); }
void DeclWriter::valtype(const ValType& v) { put_valtype(out_, v); }
void DeclWriter::optional_valtype(const std::optional<ValType>& v) { put_optional_valtype(out_, v); }

ComponentWriter::ComponentWriter() { out_.assign("\0asm\x0d\x00\x01\x00", 8); }

void ComponentWriter::type_section(bool component, const DeclWriter& type) {
  const std::string& body = type.bytes();
  size_t size = u32_size(1) + 1 + u32_size(type.count()) + body.size();
  out_.reserve(out_.size() + size + 6);
  put_byte(out_, static_cast<uint8_t>(Section::Id::Type));
  put_u32(out_, static_cast<uint32_t>(size));
  put_u32(out_, 1);
  put_byte(out_, component ? 0x41 : 0x42);
  put_u32(out_, type.count());
  out_.append(body);
}

void ComponentWriter::export_section(std::string_view name, Sort sort, uint32_t index) {
  std::string body;
  put_u32(body, 1);
  put_extern_name(body, name, std::nullopt, std::nullopt, std::nullopt);
  put_sort(body, sort);
  put_u32(body, index);
  put_byte(body, 0x00);  // no type ascribed
  put_byte(out_, static_cast<uint8_t>(Section::Id::Export));
  put_u32(out_, static_cast<uint32_t>(body.size()));
  out_.append(body);
}

void ComponentWriter::custom_section(std::string_view name, std::string_view data) {
  put_byte(out_, static_cast<uint8_t>(Section::Id::Custom));
  put_u32(out_, static_cast<uint32_t>(u32_size(static_cast<uint32_t>(name.size())) + name.size() + data.size()));
  put_name(out_, name);
  out_.append(data);
}

}  // namespace plumb::wasm
