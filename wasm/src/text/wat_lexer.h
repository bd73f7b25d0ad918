// Tokens of the WebAssembly text format: parentheses, keywords, `$ids`,
// strings, integers and annotations (`(@name`); whitespace and comments
// (`;;` and nested `(; ;)`) are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/wasm/wat_parser.h"

namespace plumb::wat {

struct Token {
  enum class Kind : uint8_t { LParen, RParen, Keyword, Id, String, Integer, Annotation, Reserved, Eof };
  Kind kind = Kind::Eof;
  size_t offset = 0;
  size_t length = 0;
  std::string text;    // Keyword/Id/Annotation/Reserved: the name (ids without `$`); String: the decoded bytes
  uint64_t value = 0;  // Integer
  bool overflow = false;  // Integer: too large for 64 bits
};

// Raises a DiagnosticError (code WatSyntax).
std::vector<Token> lex(std::string_view text);

}  // namespace plumb::wat
