#include "plumb/parser/lexer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace plumb {
namespace {

// ASCII bytes that continue an identifier-like run ("keylike" in the
// reference): XID_Continue or `-`.
constexpr auto kKeylikeContinue = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }
  return t;
}();

constexpr bool ascii_keylike_continue(unsigned char c) { return kKeylikeContinue[c]; }

std::string hex_escape(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c));
  return buf;
}

// Where the whitespace from `i` ends: `\r` only counts as whitespace as
// half of a `\r\n` pair.
size_t whitespace_end(const char* s, size_t n, size_t i) {
  for (;;) {
    if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) {
      ++i;
    } else if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n') {
      i += 2;
    } else {
      return i;
    }
  }
}

// Where the run of spaces, tabs and newlines from `i` ends. Indentation is
// most of it: spaces go eight at a time, a 64-bit word compared at once.
size_t plain_space_end(const char* s, size_t n, size_t i) {
  constexpr uint64_t kSpaces = 0x2020202020202020ull;
  for (;;) {
    if constexpr (std::endian::native == std::endian::little) {
      if (i + 8 <= n) {
        uint64_t word;
        std::memcpy(&word, s + i, sizeof word);
        const uint64_t differs = word ^ kSpaces;
        if (differs == 0) {
          i += 8;
          continue;
        }
        i += static_cast<size_t>(std::countr_zero(differs)) / 8;  // the first byte that is no space
        if (s[i] != '\n' && s[i] != '\t') return i;
        ++i;
        continue;
      }
    }
    if (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) {
      ++i;
      continue;
    }
    return i;
  }
}

// Where the block of 64 bytes from `i` on that holds a byte other than plain
// text (printable ASCII, \t, \n, \r) starts, or where fewer than 64 bytes
// remain. Each block is tested with 16-byte vectors (SSE2 on x86-64, NEON on
// arm64): whole files go through here.
size_t odd_block_start(const unsigned char* bytes, size_t n, size_t i) {
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  using Signed16 = signed char __attribute__((vector_size(16)));  // and what comparing gives
  auto plain_bytes = [](const unsigned char* p) -> Signed16 {
    Bytes16 v;
    std::memcpy(&v, p, sizeof v);
    // 0x20..0x7E, moved to -128..-34 by the (wrapping) add: one signed compare.
    Signed16 printable = reinterpret_cast<Signed16>(v + 0x60) < -33;
    return printable | (v == '\n') | (v == '\t') | (v == '\r');
  };
  for (; i + 64 <= n; i += 64) {
    Signed16 all = plain_bytes(bytes + i) & plain_bytes(bytes + i + 16) & plain_bytes(bytes + i + 32) &
                   plain_bytes(bytes + i + 48);
    uint64_t halves[2];
    std::memcpy(halves, &all, sizeof halves);
    if ((halves[0] & halves[1]) != UINT64_MAX) break;
  }
  return i;
}

constexpr size_t kUnterminated = SIZE_MAX;

// Where the block comment opened at `i` (nested ones included) ends, or
// kUnterminated.
size_t block_comment_end(const char* s, size_t n, size_t i) {
  i += 2;
  int depth = 1;
  while (depth > 0) {
    if (i >= n) return kUnterminated;
    if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
      ++depth;
      i += 2;
    } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '/') {
      --depth;
      i += 2;
    } else {
      ++i;
    }
  }
  return i;
}

// The comment or `/` at `i` (a `/`): its kind, and in `end` where it ends
// (kUnterminated for a block comment left open).
Tok slash_token(const char* s, size_t n, size_t i, size_t& end) {
  if (i + 1 < n && s[i + 1] == '/') {
    const void* nl = std::memchr(s + i + 2, '\n', n - i - 2);
    end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - s) + 1 : n;
    return Tok::Comment;
  }
  if (i + 1 < n && s[i + 1] == '*') {
    end = block_comment_end(s, n, i);
    return Tok::Comment;
  }
  end = i + 1;
  return Tok::Slash;
}

// Where the identifier-like run continued at `i` ends: the ASCII loop is
// the hot path.
size_t keylike_end(std::string_view text, size_t i) {
  const char* s = text.data();
  const size_t n = text.size();
  for (;;) {
    while (i < n && ascii_keylike_continue(static_cast<unsigned char>(s[i]))) ++i;
    if (i >= n || static_cast<unsigned char>(s[i]) < 0x80) return i;
    size_t len;
    char32_t cp = decode_utf8(text, i, len);
    if (!is_xid_continue(cp)) return i;
    i += len;
  }
}

// Where the name of an explicit identifier (`%name`, the name starting at
// `i`) ends.
size_t explicit_id_end(std::string_view text, size_t i) {
  const size_t n = text.size();
  if (i >= n) return i;
  size_t len;
  char32_t first = decode_utf8(text, i, len);
  if (!(first == '_' || first == '-' || is_xid_start(first))) return i;
  i += len;
  while (i < n) {
    unsigned char d = static_cast<unsigned char>(text[i]);
    if (d < 0x80) {
      if (!ascii_keylike_continue(d)) break;
      ++i;
    } else {
      char32_t cp = decode_utf8(text, i, len);
      if (!is_xid_continue(cp)) break;
      i += len;
    }
  }
  return i;
}

}  // namespace

Lexer::Lexer(std::string_view text, uint32_t base) : text_(text), base_(base) {
  if (text_.size() >= 3 && std::memcmp(text_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

void Lexer::error_at(Token& out, size_t at, size_t resume, std::string message, DiagCode code) {
  uint32_t pos = base_ + static_cast<uint32_t>(at);
  error_ = Diagnostic::error(code, Span(pos, pos + 1), std::move(message));
  out = Token{Tok::Error, base_ + static_cast<uint32_t>(at), base_ + static_cast<uint32_t>(resume)};
  pos_ = resume;
}

void Lexer::lex_significant(Token& t) {
  skipped_comments_.clear();
  for (;;) {
    // Plain whitespace is skipped here: it precedes nearly every token.
    pos_ = plain_space_end(text_.data(), text_.size(), pos_);
    lex_token(t);
    if (t.kind == Tok::Comment) {
      skipped_comments_.emplace_back(t.start, t.end);
      continue;
    }
    if (t.kind != Tok::Whitespace) return;
  }
}

void Lexer::lex(Token& out) { lex_token(out); }

[[gnu::always_inline]] inline void Lexer::lex_token(Token& out) {
  const char* s = text_.data();
  const size_t n = text_.size();
  size_t i = pos_;
  if (i >= n) {
    out.kind = Tok::Eof;
    out.start = out.end = base_ + static_cast<uint32_t>(n);
    return;
  }
  const size_t start = i;
  auto make = [&](Tok kind, size_t end) {
    pos_ = end;
    out.kind = kind;
    out.start = base_ + static_cast<uint32_t>(start);
    out.end = base_ + static_cast<uint32_t>(end);
  };
  unsigned char c = static_cast<unsigned char>(s[i]);
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r': {
      i = whitespace_end(s, n, i);
      if (i == start) return error_at(out, start, start + 1, "unexpected character '\\r'");
      return make(Tok::Whitespace, i);
    }
    case '/': {
      size_t end;
      const Tok kind = slash_token(s, n, i, end);
      if (end == kUnterminated) {
        return error_at(out, start, n, "unterminated block comment", DiagCode::UnterminatedComment);
      }
      return make(kind, end);
    }
    case '=': return make(Tok::Equals, i + 1);
    case ',': return make(Tok::Comma, i + 1);
    case ':': return make(Tok::Colon, i + 1);
    case '.': return make(Tok::Period, i + 1);
    case ';': return make(Tok::Semicolon, i + 1);
    case '(': return make(Tok::LParen, i + 1);
    case ')': return make(Tok::RParen, i + 1);
    case '{': return make(Tok::LBrace, i + 1);
    case '}': return make(Tok::RBrace, i + 1);
    case '<': return make(Tok::Lt, i + 1);
    case '>': return make(Tok::Gt, i + 1);
    case '*': return make(Tok::Star, i + 1);
    case '@': return make(Tok::At, i + 1);
    case '+': return make(Tok::Plus, i + 1);
    case '-':
      if (i + 1 < n && s[i + 1] == '>') return make(Tok::RArrow, i + 2);
      return make(Tok::Minus, i + 1);
    case '"': return lex_string(out, start);
    case '%': return make(Tok::ExplicitId, explicit_id_end(text_, i + 1));
    default: break;
  }
  if (c >= '0' && c <= '9') {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return make(Tok::Integer, i);
  }
  if (c < 0x80) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
      return error_at(out, start, start + 1, "unexpected character " + debug_char(c));
    }
    ++i;
  } else {
    size_t len;
    char32_t cp = decode_utf8(text_, i, len);
    if (!is_xid_start(cp)) return error_at(out, start, start + len, "unexpected character " + debug_char(cp));
    i += len;
  }
  i = keylike_end(text_, i);
  return make(keyword(std::string_view(s + start, i - start)), i);
}

// Lexes a string literal, validating it as the reference does. After an
// error the lexer resumes past the closing quote on the same line (or at the
// line's end) so parsing can go on.
void Lexer::lex_string(Token& out, size_t start) {
  size_t consumed = 0;
  Expected<std::string> decoded =
      decode_string_literal(text_.substr(start), base_ + static_cast<uint32_t>(start), &consumed);
  if (decoded) {
    pos_ = start + consumed;
    out = Token{Tok::String, base_ + static_cast<uint32_t>(start), base_ + static_cast<uint32_t>(pos_)};
    return;
  }
  size_t i = start + 1;
  while (i < text_.size() && text_[i] != '"' && text_[i] != '\n') i += text_[i] == '\\' ? 2 : 1;
  if (i < text_.size() && text_[i] == '"') ++i;
  if (i > text_.size()) i = text_.size();
  error_ = std::move(decoded).error();
  pos_ = i;
  out = Token{Tok::Error, base_ + static_cast<uint32_t>(start), base_ + static_cast<uint32_t>(i)};
}

namespace {

int hex_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

// Reads one string literal (`text` starts at its opening quote, global
// offset `start`): its value, or false with the first error in error().
class LiteralReader {
 public:
  LiteralReader(std::string_view text, uint32_t start) : text_(text), start_(start) {}

  bool read() {
    for (;;) {
      if (i_ >= text_.size()) return eof();
      size_t len;
      size_t at = i_;
      char32_t c = decode_utf8(text_, i_, len);
      i_ += len;
      if (c == '"') break;
      if (c == '\\') {
        if (!escape()) return false;
        continue;
      }
      if (c < 0x20 || c == 0x7F) return reject(at, "invalid string character " + debug_char(c));
      out_.append(text_.substr(at, len));
    }
    return check_utf8();
  }
  std::string& value() { return out_; }
  Diagnostic& error() { return error_; }
  size_t consumed() const { return i_; }

 private:
  // Records the error at offset `at` of the literal; returns false, for
  // `return reject(...)`.
  bool reject(size_t at, std::string message) {
    uint32_t pos = start_ + static_cast<uint32_t>(at);
    error_ = Diagnostic::error(DiagCode::InvalidLiteral, Span(pos, pos + 1), std::move(message));
    return false;
  }
  bool eof() { return reject(text_.size(), "unexpected end of file"); }

  // The escape after a `\`.
  bool escape() {
    if (i_ >= text_.size()) return eof();
    size_t esc_at = i_;
    size_t len;
    char32_t e = decode_utf8(text_, i_, len);
    i_ += len;
    switch (e) {
      case '"': out_ += '"'; return true;
      case '\'': out_ += '\''; return true;
      case 't': out_ += '\t'; return true;
      case 'n': out_ += '\n'; return true;
      case 'r': out_ += '\r'; return true;
      case '\\': out_ += '\\'; return true;
      case 'u': return unicode_escape(esc_at);
      default: return byte_escape(e, esc_at);
    }
  }

  // `\u{X_XXX}` (after the `u`): a Unicode scalar value, underscores allowed
  // between its hex digits.
  bool unicode_escape(size_t esc_at) {
    if (i_ >= text_.size()) return eof();
    if (text_[i_] != '{') return reject(i_, "expected character '{'");
    ++i_;
    if (i_ >= text_.size()) return eof();
    int d = hex_value(static_cast<unsigned char>(text_[i_]));
    size_t len;
    if (d < 0) return reject(i_, "invalid hex digit " + debug_char(decode_utf8(text_, i_, len)));
    uint64_t value = static_cast<uint64_t>(d);
    size_t first_digit = i_;
    ++i_;
    bool last_underscore = false;
    for (;;) {
      if (i_ >= text_.size()) return eof();
      if (text_[i_] == '_') {
        last_underscore = true;
        ++i_;
        continue;
      }
      int v = hex_value(static_cast<unsigned char>(text_[i_]));
      if (v < 0) break;
      last_underscore = false;
      value = value * 16 + static_cast<uint64_t>(v);
      if (value > 0xFFFFFFFFu) return reject(i_, "number is too big to fit in a u32");
      ++i_;
    }
    if (last_underscore) return reject(first_digit, "trailing underscore in number");
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "invalid unicode value %#llx", static_cast<unsigned long long>(value));
      return reject(esc_at, buf);
    }
    append_utf8(out_, static_cast<char32_t>(value));
    if (i_ >= text_.size()) return eof();
    if (text_[i_] != '}') return reject(i_, "expected character '}'");
    ++i_;
    return true;
  }

  // `\HH` (`e` is the first digit): one byte.
  bool byte_escape(char32_t e, size_t esc_at) {
    int hi = hex_value(e);
    if (hi < 0) return reject(esc_at, "invalid string escape " + debug_char(e));
    if (i_ >= text_.size()) return eof();
    size_t len;
    char32_t lo_c = decode_utf8(text_, i_, len);
    int lo = hex_value(lo_c);
    if (lo < 0) return reject(i_, "invalid hex digit " + debug_char(lo_c));
    i_ += len;
    out_ += static_cast<char>(hi * 16 + lo);
    return true;
  }

  // \HH escapes may have produced bytes that are not UTF-8.
  bool check_utf8() {
    size_t k = 0;
    while (k < out_.size()) {
      unsigned char b = static_cast<unsigned char>(out_[k]);
      size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
      bool ok = len != 0 && k + len <= out_.size();
      for (size_t j = 1; ok && j < len; ++j) ok = (static_cast<unsigned char>(out_[k + j]) & 0xC0) == 0x80;
      if (!ok) return reject(0, "invalid UTF-8: invalid utf-8 sequence of 1 bytes from index " + std::to_string(k));
      k += len;
    }
    return true;
  }

  std::string_view text_;
  uint32_t start_;
  Diagnostic error_;
  size_t i_ = 1;  // past the opening quote
  std::string out_;
};

}  // namespace

Expected<std::string> decode_string_literal(std::string_view text, uint32_t start, size_t* consumed) {
  LiteralReader reader(text, start);
  if (!reader.read()) return Unexpected{std::move(reader.error())};
  if (consumed) *consumed = reader.consumed();
  return std::move(reader.value());
}

std::optional<Diagnostic> find_forbidden_codepoint(std::string_view text, uint32_t base) {
  // Bytes that need a closer look: controls other than \t \n \r, DEL, and
  // every non-ASCII lead byte.
  static constexpr auto suspicious = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 256; ++b) t[b] = (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b >= 0x7F;
    return t;
  }();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    i = odd_block_start(bytes, text.size(), i);
    // That block (or the tail), a byte at a time.
    const size_t block_end = std::min(text.size(), i + 64);
    while (i < block_end) {
      if (!suspicious[bytes[i]]) {
        ++i;
        continue;
      }
      size_t len;
      char32_t c = decode_utf8(text, i, len);
      uint32_t at = base + static_cast<uint32_t>(i);
      Span span(at, at + 1);
      i += len;
      if (c == '\n' || c == '\r' || c == '\t') continue;
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
        return Diagnostic::error(DiagCode::InvalidCharacter, span,
                                 "Input contains bidirectional override codepoint \"" + hex_escape(c) + "\"");
      }
      if (c == 0x149 || c == 0x673 || c == 0xF77 || c == 0xF79 || c == 0x17A3 || c == 0x17A4 || c == 0x17B4 ||
          c == 0x17B5) {
        return Diagnostic::error(DiagCode::InvalidCharacter, span,
                                 "Codepoint \"" + hex_escape(c) + "\" is discouraged by Unicode");
      }
      if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return Diagnostic::error(DiagCode::InvalidCharacter, span, "Control code '" + hex_escape(c) + "'");
    }
  }
  return std::nullopt;
}

}  // namespace plumb
