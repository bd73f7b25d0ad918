// The WIT lexer. It produces every token, trivia included (whitespace and
// comments, which a formatter needs and doc comments are made of), on
// demand: the lexer state is one offset, so saving and restoring it is how
// the parser looks ahead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/diagnostics/diagnostic.h"
#include "plumb/diagnostics/expected.h"
#include "plumb/parser/token.h"
#include "plumb/support/utf8.h"

namespace plumb {

// Lexical errors are values, not raised: the lexer reports one by a
// Tok::Error token and the parser raises it only when it looks at that token
// (as the reference does). Each is a Diagnostic whose span is the offending
// character's first byte (global offsets).

class Lexer {
 public:
  // `text` is one file's contents and `base` its global offset. A leading
  // byte-order mark is skipped, as the reference does.
  Lexer(std::string_view text, uint32_t base);

  // The next token, trivia included. At a lexical error returns a Tok::Error
  // token (its message is in error()) and moves past the bad input, so the
  // caller may keep lexing.
  Token next_raw() {
    Token t;
    lex(t);
    return t;
  }
  // The next token that is not whitespace or a comment.
  Token next() {
    Token t;
    lex_significant(t);
    return t;
  }
  // The same, writing into `out`. (Returning a Token by value from an
  // out-of-line function made every token pay a store-forwarding stall.)
  void lex(Token& out);
  void lex_significant(Token& out);
  // The comments the last lex_significant() skipped on its way, in order
  // (the parser's doc comments, without lexing them again).
  const std::vector<Span>& skipped_comments() const { return skipped_comments_; }

  uint32_t offset() const { return base_ + static_cast<uint32_t>(pos_); }
  void seek(uint32_t global_offset) { pos_ = global_offset - base_; }
  uint32_t eof() const { return base_ + static_cast<uint32_t>(text_.size()); }
  std::string_view text_of(Token t) const { return text_.substr(t.start - base_, t.end - t.start); }
  std::string_view source() const { return text_; }
  uint32_t base() const { return base_; }
  const Diagnostic& error() const { return error_; }

 private:
  // lex(), inlined into lex_significant() as well: a token costs one call.
  void lex_token(Token& out);
  void error_at(Token& out, size_t at, size_t resume, std::string message, DiagCode code = DiagCode::InvalidCharacter);
  void lex_string(Token& out, size_t start);

  std::string_view text_;
  uint32_t base_;
  size_t pos_ = 0;
  std::vector<Span> skipped_comments_;  // reused from token to token
  Diagnostic error_;
};

// The reference rejects, before lexing, any file containing a bidirectional
// override, a code point Unicode discourages, or a control character other
// than \n, \r and \t. Returns the first such problem.
std::optional<Diagnostic> find_forbidden_codepoint(std::string_view text, uint32_t base);

// Decodes the string literal at the start of `text` (which begins with its
// opening quote), using the reference's escapes (\" \' \t \n \r \\ \u{..}
// \HH). `start` is the global offset of `text`, for error positions; on
// success `consumed` receives the literal's length, quotes included.
Expected<std::string> decode_string_literal(std::string_view text, uint32_t start, size_t* consumed = nullptr);

}  // namespace plumb
