#include "plumb/parser/token.h"

#include <cstring>

namespace plumb {

std::string_view describe(Tok t) {
  switch (t) {
    case Tok::Eof: return "eof";
    case Tok::Whitespace: return "whitespace";
    case Tok::Comment: return "a comment";
    case Tok::Error: return "an invalid token";
    case Tok::Equals: return "'='";
    case Tok::Comma: return "','";
    case Tok::Colon: return "':'";
    case Tok::Period: return "'.'";
    case Tok::Semicolon: return "';'";
    case Tok::LParen: return "'('";
    case Tok::RParen: return "')'";
    case Tok::LBrace: return "'{'";
    case Tok::RBrace: return "'}'";
    case Tok::Lt: return "'<'";
    case Tok::Gt: return "'>'";
    case Tok::RArrow: return "`->`";
    case Tok::Star: return "`*`";
    case Tok::At: return "`@`";
    case Tok::Slash: return "`/`";
    case Tok::Plus: return "`+`";
    case Tok::Minus: return "`-`";
    case Tok::String: return "a string literal";
    case Tok::Integer: return "an integer";
    case Tok::Id: return "an identifier";
    case Tok::ExplicitId: return "an '%' identifier";
    case Tok::Use: return "keyword `use`";
    case Tok::Type: return "keyword `type`";
    case Tok::Func: return "keyword `func`";
    case Tok::U8: return "keyword `u8`";
    case Tok::U16: return "keyword `u16`";
    case Tok::U32: return "keyword `u32`";
    case Tok::U64: return "keyword `u64`";
    case Tok::S8: return "keyword `s8`";
    case Tok::S16: return "keyword `s16`";
    case Tok::S32: return "keyword `s32`";
    case Tok::S64: return "keyword `s64`";
    case Tok::F32: return "keyword `f32`";
    case Tok::F64: return "keyword `f64`";
    case Tok::Char: return "keyword `char`";
    case Tok::Record: return "keyword `record`";
    case Tok::Resource: return "keyword `resource`";
    case Tok::Own: return "keyword `own`";
    case Tok::Borrow: return "keyword `borrow`";
    case Tok::Flags: return "keyword `flags`";
    case Tok::Variant: return "keyword `variant`";
    case Tok::Enum: return "keyword `enum`";
    case Tok::Bool: return "keyword `bool`";
    case Tok::String_: return "keyword `string`";
    case Tok::Option_: return "keyword `option`";
    case Tok::Result_: return "keyword `result`";
    case Tok::Future: return "keyword `future`";
    case Tok::Stream: return "keyword `stream`";
    case Tok::ErrorContext: return "keyword `error-context`";
    case Tok::List: return "keyword `list`";
    case Tok::Map: return "keyword `map`";
    case Tok::Underscore: return "keyword `_`";
    case Tok::As: return "keyword `as`";
    case Tok::From: return "keyword `from`";
    case Tok::Static: return "keyword `static`";
    case Tok::Interface: return "keyword `interface`";
    case Tok::Tuple: return "keyword `tuple`";
    case Tok::Import: return "keyword `import`";
    case Tok::Export: return "keyword `export`";
    case Tok::World: return "keyword `world`";
    case Tok::Package: return "keyword `package`";
    case Tok::Constructor: return "keyword `constructor`";
    case Tok::Async: return "keyword `async`";
    case Tok::Include: return "keyword `include`";
    case Tok::With: return "keyword `with`";
  }
  return "a token";
}

Tok keyword(std::string_view s) {
  auto is = [&](const char* k) { return s.size() == std::strlen(k) && std::memcmp(s.data(), k, s.size()) == 0; };
  if (s.empty()) return Tok::Id;
  // Dispatch on the first character keeps this to a couple of comparisons.
  switch (s[0]) {
    case '_': return s.size() == 1 ? Tok::Underscore : Tok::Id;
    case 'a':
      if (is("as")) return Tok::As;
      if (is("async")) return Tok::Async;
      break;
    case 'b':
      if (is("bool")) return Tok::Bool;
      if (is("borrow")) return Tok::Borrow;
      break;
    case 'c':
      if (is("char")) return Tok::Char;
      if (is("constructor")) return Tok::Constructor;
      break;
    case 'e':
      if (is("enum")) return Tok::Enum;
      if (is("export")) return Tok::Export;
      if (is("error-context")) return Tok::ErrorContext;
      break;
    case 'f':
      if (is("func")) return Tok::Func;
      if (is("f32")) return Tok::F32;
      if (is("f64")) return Tok::F64;
      if (is("flags")) return Tok::Flags;
      if (is("future")) return Tok::Future;
      if (is("from")) return Tok::From;
      break;
    case 'i':
      if (is("interface")) return Tok::Interface;
      if (is("import")) return Tok::Import;
      if (is("include")) return Tok::Include;
      break;
    case 'l': return is("list") ? Tok::List : Tok::Id;
    case 'm': return is("map") ? Tok::Map : Tok::Id;
    case 'o':
      if (is("own")) return Tok::Own;
      if (is("option")) return Tok::Option_;
      break;
    case 'p': return is("package") ? Tok::Package : Tok::Id;
    case 'r':
      if (is("record")) return Tok::Record;
      if (is("resource")) return Tok::Resource;
      if (is("result")) return Tok::Result_;
      break;
    case 's':
      if (is("string")) return Tok::String_;
      if (is("s32")) return Tok::S32;
      if (is("s64")) return Tok::S64;
      if (is("s8")) return Tok::S8;
      if (is("s16")) return Tok::S16;
      if (is("static")) return Tok::Static;
      if (is("stream")) return Tok::Stream;
      break;
    case 't':
      if (is("type")) return Tok::Type;
      if (is("tuple")) return Tok::Tuple;
      break;
    case 'u':
      if (is("u32")) return Tok::U32;
      if (is("use")) return Tok::Use;
      if (is("u8")) return Tok::U8;
      if (is("u16")) return Tok::U16;
      if (is("u64")) return Tok::U64;
      break;
    case 'v': return is("variant") ? Tok::Variant : Tok::Id;
    case 'w':
      if (is("world")) return Tok::World;
      if (is("with")) return Tok::With;
      break;
  }
  return Tok::Id;
}

}  // namespace plumb
