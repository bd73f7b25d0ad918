#include "wat_lexer.h"

#include "plumb/diagnostics/diagnostic_error.h"
#include "plumb/support/utf8.h"

namespace plumb::wat {
namespace {

bool is_idchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '/': case ':': case '<': case '=': case '>': case '?': case '@': case '\\': case '^': case '_':
    case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    // Parsing and lowering recurse on nesting: bound it well past what WIT
    // packages need.
    constexpr int kMaxDepth = 1000;
    int depth = 0;
    for (;;) {
      skip_space();
      Token t;
      t.offset = i_;
      if (i_ >= s_.size()) {
        out.push_back(t);
        return out;
      }
      char c = s_[i_];
      if (c == '(') {
        ++i_;
        if (i_ < s_.size() && s_[i_] == '@') {
          ++i_;
          size_t start = i_;
          while (i_ < s_.size() && is_idchar(s_[i_])) ++i_;
          if (i_ == start) raise_at(DiagCode::WatSyntax, t.offset, 2, "empty annotation id");
          t.kind = Token::Kind::Annotation;
          t.text = std::string(s_.substr(start, i_ - start));
        } else {
          t.kind = Token::Kind::LParen;
        }
      } else if (c == ')') {
        ++i_;
        t.kind = Token::Kind::RParen;
      } else if (c == '"') {
        t.kind = Token::Kind::String;
        t.text = string_literal();
      } else if (is_idchar(c)) {
        size_t start = i_;
        while (i_ < s_.size() && is_idchar(s_[i_])) ++i_;
        std::string_view word = s_.substr(start, i_ - start);
        classify(word, t);
      } else {
        raise_at(DiagCode::WatSyntax, i_, 1, "unexpected character");
      }
      t.length = i_ - t.offset;
      if (t.kind == Token::Kind::LParen || t.kind == Token::Kind::Annotation) {
        if (++depth > kMaxDepth) raise_at(DiagCode::WatSyntax, t.offset, t.length, "parentheses nest too deeply");
      } else if (t.kind == Token::Kind::RParen) {
        --depth;
      }
      out.push_back(std::move(t));
    }
  }

 private:
  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i_;
      } else if (s_.substr(i_, 2) == ";;") {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (s_.substr(i_, 2) == "(;") {
        size_t start = i_;
        int depth = 0;
        while (i_ < s_.size()) {
          if (s_.substr(i_, 2) == "(;") {
            ++depth;
            i_ += 2;
          } else if (s_.substr(i_, 2) == ";)") {
            i_ += 2;
            if (--depth == 0) break;
          } else {
            ++i_;
          }
        }
        if (depth != 0) raise_at(DiagCode::WatSyntax, start, 2, "unterminated block comment");
      } else {
        break;
      }
    }
  }

  void classify(std::string_view word, Token& t) {
    if (word[0] == '$') {
      if (word.size() == 1) {
        // `$"..."`: an id written as a string.
        if (i_ < s_.size() && s_[i_] == '"') {
          t.kind = Token::Kind::Id;
          t.text = string_literal();
          return;
        }
        raise_at(DiagCode::WatSyntax, t.offset, 1, "empty identifier");
      }
      t.kind = Token::Kind::Id;
      t.text = std::string(word.substr(1));
      return;
    }
    if (word[0] >= 'a' && word[0] <= 'z') {
      t.kind = Token::Kind::Keyword;
      t.text = std::string(word);
      return;
    }
    if (integer(word, t)) return;
    t.kind = Token::Kind::Reserved;
    t.text = std::string(word);
  }

  // An unsigned integer: decimal or `0x` hex, with `_` between digits.
  static bool integer(std::string_view word, Token& t) {
    std::string_view digits = word;
    if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
    int base = 10;
    if (digits.substr(0, 2) == "0x") {
      base = 16;
      digits.remove_prefix(2);
    }
    if (digits.empty()) return false;
    uint64_t value = 0;
    bool overflow = false, last_underscore = true;
    for (char c : digits) {
      if (c == '_') {
        if (last_underscore) return false;
        last_underscore = true;
        continue;
      }
      int d = base == 16 ? hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (d < 0) return false;
      if (value > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) overflow = true;
      value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
      last_underscore = false;
    }
    if (last_underscore) return false;
    t.kind = Token::Kind::Integer;
    t.value = value;
    t.overflow = overflow;
    return true;
  }

  std::string string_literal() {
    size_t start = i_;
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) raise_at(DiagCode::WatSyntax, start, 1, "unterminated string");
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c == '\n') raise_at(DiagCode::WatSyntax, start, 1, "unterminated string");
      if (c != '\\') {
        out += c;
        ++i_;
        continue;
      }
      size_t esc = i_++;
      if (i_ >= s_.size()) raise_at(DiagCode::WatSyntax, start, 1, "unterminated string");
      char e = s_[i_++];
      switch (e) {
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case '\\': out += '\\'; break;
        case 'u': {
          if (i_ >= s_.size() || s_[i_] != '{') raise_at(DiagCode::WatSyntax, esc, 2, "invalid unicode escape");
          ++i_;
          uint32_t cp = 0;
          size_t n = 0;
          while (i_ < s_.size() && s_[i_] != '}') {
            if (s_[i_] == '_') {
              ++i_;
              continue;
            }
            int d = hex_digit(s_[i_]);
            if (d < 0 || cp > 0x10FFFF) raise_at(DiagCode::WatSyntax, esc, i_ - esc + 1, "invalid unicode escape");
            cp = cp * 16 + static_cast<uint32_t>(d);
            ++n;
            ++i_;
          }
          if (i_ >= s_.size() || n == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            raise_at(DiagCode::WatSyntax, esc, i_ - esc, "invalid unicode escape");
          }
          ++i_;  // `}`
          append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default: {
          int hi = hex_digit(e);
          int lo = i_ < s_.size() ? hex_digit(s_[i_]) : -1;
          if (hi < 0 || lo < 0) raise_at(DiagCode::WatSyntax, esc, 2, "invalid string escape");
          ++i_;
          out += static_cast<char>(hi * 16 + lo);
        }
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Token> lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace plumb::wat
