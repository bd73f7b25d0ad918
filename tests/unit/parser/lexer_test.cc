#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "plumb/parser/lexer.h"
#include "plumb/support/utf8.h"

using namespace plumb;

namespace {

std::vector<Tok> kinds(std::string_view text, bool raw = false) {
  Lexer lex(text, 0);
  std::vector<Tok> out;
  for (;;) {
    Token t = raw ? lex.next_raw() : lex.next();
    if (t.kind == Tok::Eof) return out;
    out.push_back(t.kind);
  }
}

std::vector<std::string> texts(std::string_view text) {
  Lexer lex(text, 0);
  std::vector<std::string> out;
  for (Token t = lex.next(); t.kind != Tok::Eof; t = lex.next()) out.emplace_back(lex.text_of(t));
  return out;
}

}  // namespace

TEST_CASE("punctuation, arrows and minus") {
  CHECK(kinds("= , : . ; ( ) { } < > * @ / + - ->") ==
        std::vector<Tok>{Tok::Equals, Tok::Comma, Tok::Colon, Tok::Period, Tok::Semicolon, Tok::LParen,
                         Tok::RParen, Tok::LBrace, Tok::RBrace, Tok::Lt, Tok::Gt, Tok::Star, Tok::At,
                         Tok::Slash, Tok::Plus, Tok::Minus, Tok::RArrow});
  // `-` never starts an identifier.
  CHECK(kinds("-foo") == std::vector<Tok>{Tok::Minus, Tok::Id});
}

TEST_CASE("keywords are recognised exactly; near misses are identifiers") {
  CHECK(kinds("interface world package use type record variant enum flags resource") ==
        std::vector<Tok>{Tok::Interface, Tok::World, Tok::Package, Tok::Use, Tok::Type, Tok::Record,
                         Tok::Variant, Tok::Enum, Tok::Flags, Tok::Resource});
  CHECK(kinds("error-context async _ from") ==
        std::vector<Tok>{Tok::ErrorContext, Tok::Async, Tok::Underscore, Tok::From});
  CHECK(kinds("since unstable deprecated records use-it") ==
        std::vector<Tok>{Tok::Id, Tok::Id, Tok::Id, Tok::Id, Tok::Id});
  CHECK(keyword("u32") == Tok::U32);
  CHECK(keyword("u33") == Tok::Id);
}

TEST_CASE("explicit identifiers keep their text and allow keywords") {
  CHECK(kinds("%record %foo-bar") == std::vector<Tok>{Tok::ExplicitId, Tok::ExplicitId});
  CHECK(texts("%record x") == std::vector<std::string>{"%record", "x"});
  // `%` alone is a token too; the parser rejects its empty name.
  CHECK(kinds("% x") == std::vector<Tok>{Tok::ExplicitId, Tok::Id});
}

TEST_CASE("integers and identifiers split where digits end") {
  CHECK(texts("1.22.333") == std::vector<std::string>{"1", ".", "22", ".", "333"});
  CHECK(kinds("0a") == std::vector<Tok>{Tok::Integer, Tok::Id});
}

TEST_CASE("whitespace runs of any length end where the next token starts") {
  // Runs of spaces with a tab, a newline or nothing else in them, at every
  // length and place (the skipping goes eight bytes at a time), before a
  // token, a `\r` (no whitespace alone) and the end of the text.
  for (std::string_view odd : {"", "\t", "\n"}) {
    for (size_t length = 0; length <= 20; ++length) {
      for (size_t at = 0; at <= length; ++at) {
        for (std::string_view after : {"b", "\rb", ""}) {
          std::string run(length, ' ');
          run.insert(at, odd);
          if (run.empty() && after == "b") continue;  // `ab`: one name
          const std::string text = "a" + run + std::string(after);
          CAPTURE(text);
          Lexer lex(text, 0);
          CHECK(lex.text_of(lex.next()) == "a");
          Token t = lex.next();
          CHECK(t.start == 1 + run.size());
          if (after.empty()) CHECK(t.kind == Tok::Eof);
          if (after == "b") CHECK(lex.text_of(t) == "b");
          if (after == "\rb") CHECK(t.kind == Tok::Error);
        }
      }
    }
  }
}

TEST_CASE("comments are tokens; block comments nest") {
  CHECK(kinds("a // x\nb", true) ==
        std::vector<Tok>{Tok::Id, Tok::Whitespace, Tok::Comment, Tok::Id});
  CHECK(kinds("/* a /* b */ c */ d") == std::vector<Tok>{Tok::Id});
  Lexer lex("/* a /* b */ c */ d", 0);
  Token c = lex.next_raw();
  CHECK(c.kind == Tok::Comment);
  CHECK(lex.text_of(c) == "/* a /* b */ c */");
}

TEST_CASE("a line comment ends after its newline, CRLF folded") {
  Lexer lex("// hi\r\nx", 0);
  Token c = lex.next_raw();
  CHECK(lex.text_of(c) == "// hi\r\n");
  CHECK(lex.next_raw().kind == Tok::Id);
}

TEST_CASE("lexical errors carry the reference's messages") {
  Lexer lex("a $ b", 0);
  CHECK(lex.next().kind == Tok::Id);
  Token e = lex.next();
  CHECK(e.kind == Tok::Error);
  CHECK(lex.error().message == "unexpected character '$'");
  CHECK(lex.error().span.start == 2);
  CHECK(lex.next().kind == Tok::Id);  // lexing resumes after the bad character

  Lexer unterminated("x /* never closed", 10);
  unterminated.next();
  CHECK(unterminated.next().kind == Tok::Error);
  CHECK(unterminated.error().message == "unterminated block comment");
  CHECK(unterminated.error().span.start == 12);

  Lexer lone_cr("a\rb", 0);
  lone_cr.next();
  CHECK(lone_cr.next().kind == Tok::Error);
  CHECK(lone_cr.error().message == "unexpected character '\\r'");
}

TEST_CASE("non-ASCII identifiers lex as one token (validation rejects them later)") {
  CHECK(kinds("héllo") == std::vector<Tok>{Tok::Id});
  Lexer lex("€", 0);
  CHECK(lex.next().kind == Tok::Error);
  CHECK(lex.error().message == "unexpected character '€'");
}

TEST_CASE("string literals decode the reference's escapes") {
  CHECK(decode_string_literal(R"("a\"b\\c\td")", 0).value() == "a\"b\\c\td");
  CHECK(decode_string_literal(R"("\u{1F600}")", 0).value() == "\xF0\x9F\x98\x80");
  CHECK(decode_string_literal(R"("\u{1_F6_00}")", 0).value() == "\xF0\x9F\x98\x80");
  CHECK(decode_string_literal(R"("\41\42")", 0).value() == "AB");
  Expected<std::string> bad_escape = decode_string_literal(R"("\q")", 10);
  REQUIRE_FALSE(bad_escape);
  CHECK(bad_escape.error().message == "invalid string escape 'q'");
  CHECK(bad_escape.error().code == DiagCode::InvalidLiteral);
  CHECK(bad_escape.error().span == Span(12, 13));  // at the escape letter
  Expected<std::string> surrogate = decode_string_literal(R"("\u{D800}")", 0);
  REQUIRE_FALSE(surrogate);
  CHECK(surrogate.error().message == "invalid unicode value 0xd800");
  Expected<std::string> unterminated = decode_string_literal("\"abc", 0);
  REQUIRE_FALSE(unterminated);
  CHECK(unterminated.error().message == "unexpected end of file");
  size_t used = 0;
  CHECK(decode_string_literal("\"ab\" rest", 0, &used));
  CHECK(used == 4);
}

TEST_CASE("forbidden code points are found anywhere, comments included") {
  CHECK_FALSE(find_forbidden_codepoint("interface x {}\n\t// ok\r\n", 0));
  auto bidi = find_forbidden_codepoint("// \u202e evil\n", 100);
  REQUIRE(bidi);
  CHECK(bidi->span.start == 103);
  CHECK(bidi->message.find("bidirectional override") != std::string::npos);
  auto ctl = find_forbidden_codepoint(std::string("a\x01", 2), 0);
  REQUIRE(ctl);
  CHECK(ctl->message == "Control code '\\u{1}'");
  // A long clean run (the word-at-a-time path) followed by a bad byte.
  std::string long_text(100, 'x');
  long_text += '\x7f';
  auto del = find_forbidden_codepoint(long_text, 0);
  REQUIRE(del);
  CHECK(del->span.start == 100);
}

// The scan tests 64-byte blocks at once: a bad code point at any offset,
// across block boundaries and in the tail, is found where it is, and
// allowed non-ASCII text before it does not hide it.
TEST_CASE("forbidden code points are found at every offset") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"\x01", "Control code"}, {"\x7f", "Control code"}, {"\xc2\x85", "Control code"},
      {"\xe2\x80\xae", "bidirectional override"}, {"\xe2\x81\xa6", "bidirectional override"},
      {"\xc5\x89", "discouraged by Unicode"}};
  for (const auto& entry : bad) {
    // (Not a structured binding: clang 14's CAPTURE cannot take one.)
    const std::string& bytes = entry.first;
    const std::string& message = entry.second;
    for (size_t at = 0; at < 200; ++at) {
      std::string text(at, 'x');
      if (at > 10) text.replace(3, 2, "\xc3\xa9");  // an allowed é before it
      if (at > 70) text[40] = '\t', text[66] = '\n', text[67] = '\r';
      text += bytes;
      text += std::string(at % 70, 'y');
      auto found = find_forbidden_codepoint(text, 1000);
      CAPTURE(at);
      CAPTURE(message);
      REQUIRE(found);
      CHECK(found->span.start == 1000 + at);
      CHECK(found->message.find(message) != std::string::npos);
    }
  }
  for (size_t n = 0; n < 200; ++n) {
    std::string clean(n, 'z');
    if (n > 5) clean.replace(n / 2, 2, "\xc3\xa9");
    CAPTURE(n);
    CHECK_FALSE(find_forbidden_codepoint(clean, 0));
  }
}

TEST_CASE("a byte-order mark is skipped") {
  CHECK(kinds("\xEF\xBB\xBFinterface") == std::vector<Tok>{Tok::Interface});
}

// Found by fuzzing (tests/fuzz/regressions/parse): an identifier ending in a
// UTF-8 lead byte whose sequence the end of the text cuts short ran past the
// buffer. Text given to the lexer directly is not checked to be UTF-8.
TEST_CASE("a UTF-8 sequence cut short by the end of the text stays inside it") {
  for (std::string_view text : {"re\xff", "abc\xe4", "x\xf0\x9f", "\xe4"}) {
    CAPTURE(text);
    size_t len = 0;
    decode_utf8(text, text.size() - 1, len);
    CHECK(len == 1);
    Lexer lex(text, 0);
    for (Token t = lex.next(); t.kind != Tok::Eof; t = lex.next()) CHECK(t.end <= text.size());
  }
  size_t len = 0;
  decode_utf8("a\xf0\x9f", 1, len);
  CHECK(len == 2);
}
