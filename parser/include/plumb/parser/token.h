// WIT tokens. Names and descriptions follow the reference lexer so that
// messages like "expected '>', found keyword `type`" read the same.
#pragma once

#include <cstdint>
#include <string_view>

namespace plumb {

enum class Tok : uint32_t {
  Eof,
  Whitespace,
  Comment,
  Error,  // a lexical error; the lexer holds its message

  Equals, Comma, Colon, Period, Semicolon, LParen, RParen, LBrace, RBrace,
  Lt, Gt, RArrow, Star, At, Slash, Plus, Minus,

  String,      // "..." (only used by @external-id)
  Integer,     // [0-9]+
  Id,          // identifier-like text that is not a keyword
  ExplicitId,  // %name

  // Keywords.
  Use, Type, Func, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, Char,
  Record, Resource, Own, Borrow, Flags, Variant, Enum, Bool, String_, Option_,
  Result_, Future, Stream, ErrorContext, List, Map, Underscore, As, From, Static,
  Interface, Tuple, Import, Export, World, Package, Constructor, Async,
  Include, With,
};

struct Token {
  Tok kind = Tok::Eof;
  uint32_t start = 0;  // global offsets (see SourceMap)
  uint32_t end = 0;
};

// "keyword `type`", "'>'", "an identifier", ... as the reference words them.
std::string_view describe(Tok t);

// The keyword token for `text`, or Tok::Id if it is not a keyword.
Tok keyword(std::string_view text);

// True for the 44 reserved words (printers escape these names with `%`).
inline bool is_keyword(Tok t) { return t >= Tok::Use; }

}  // namespace plumb
