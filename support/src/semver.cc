#include "plumb/support/semver.h"

#include <charconv>
#include <vector>

namespace plumb {
namespace {

enum class Part { Major, Minor, Patch, Pre, Build };

const char* part_name(Part p) {
  switch (p) {
    case Part::Major: return "major version number";
    case Part::Minor: return "minor version number";
    case Part::Patch: return "patch version number";
    case Part::Pre: return "pre-release identifier";
    case Part::Build: return "build metadata";
  }
  return "";
}

// Rust's `{:?}` of a char, enough for the characters that can reach here.
std::string quoted_char(std::string_view rest) {
  if (rest.empty()) return "''";
  unsigned char c = static_cast<unsigned char>(rest[0]);
  if (c == 0) return "'\\0'";
  if (c == '\'') return "'\\''";
  if (c == '\\') return "'\\\\'";
  if (c == '\n') return "'\\n'";
  if (c == '\r') return "'\\r'";
  if (c == '\t') return "'\\t'";
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return "'" + std::string(rest.substr(0, len)) + "'";
}

struct Parser {
  std::string_view text;
  size_t pos = 0;
  std::string error;

  // Records why the text is no version; returns false, for `return reject(...)`.
  bool reject(std::string message) {
    error = std::move(message);
    return false;
  }

  bool numeric(Part part, uint64_t& value) {
    size_t start = pos;
    value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (value == 0 && pos > start) return reject(std::string("invalid leading zero in ") + part_name(part));
      uint64_t digit = static_cast<uint64_t>(text[pos] - '0');
      if (value > (UINT64_MAX - digit) / 10)
        return reject(std::string("value of ") + part_name(part) + " exceeds u64::MAX");
      value = value * 10 + digit;
      ++pos;
    }
    if (pos > start) return true;
    if (pos < text.size()) {
      return reject("unexpected character " + quoted_char(text.substr(pos)) + " while parsing " + part_name(part));
    }
    return reject(std::string("unexpected end of input while parsing ") + part_name(part));
  }

  bool dot(Part part) {
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      return true;
    }
    if (pos < text.size()) {
      return reject("unexpected character " + quoted_char(text.substr(pos)) + " after " + part_name(part));
    }
    return reject(std::string("unexpected end of input while parsing ") + part_name(part));
  }

  // Dot-separated identifiers of [0-9A-Za-z-]; mirrors the crate's rules on
  // empty segments and (for pre-releases) leading zeros.
  bool identifier(Part part, std::string& out) {
    size_t start = pos, segment = 0;
    bool nondigit = false;
    for (;;) {
      char c = pos + segment < text.size() ? text[pos + segment] : '\0';
      bool at_end = pos + segment >= text.size();
      if (!at_end && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) {
        ++segment;
        nondigit = true;
      } else if (!at_end && c >= '0' && c <= '9') {
        ++segment;
      } else {
        if (segment == 0) {
          if (pos == start && (at_end || c != '.')) {
            out.clear();
            return true;
          }
          return reject(std::string("empty identifier segment in ") + part_name(part));
        }
        if (part == Part::Pre && segment > 1 && !nondigit && text[pos] == '0') {
          return reject(std::string("invalid leading zero in ") + part_name(part));
        }
        pos += segment;
        if (!at_end && c == '.') {
          ++pos;
          segment = 0;
          nondigit = false;
        } else {
          out = std::string(text.substr(start, pos - start));
          return true;
        }
      }
    }
  }
};

// Rust's `str::split('.')`: an empty string yields one empty piece.
std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    size_t dot = s.find('.');
    out.push_back(s.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    s.remove_prefix(dot + 1);
  }
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Compares dot-separated identifier lists as the semver crate does; `build`
// selects its build-metadata rule for numbers (leading zeros allowed:
// 0 < 00 < 1 < 01 < 2).
std::strong_ordering compare_identifiers(std::string_view a, std::string_view b, bool build) {
  std::vector<std::string_view> xs = split_dots(a), ys = split_dots(b);
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i >= ys.size()) return std::strong_ordering::greater;
    std::string_view x = xs[i], y = ys[i];
    bool xn = all_digits(x), yn = all_digits(y);
    if (xn != yn) return xn ? std::strong_ordering::less : std::strong_ordering::greater;
    std::strong_ordering ord = std::strong_ordering::equal;
    if (xn) {
      std::string_view xv = x, yv = y;
      if (build) {
        while (!xv.empty() && xv[0] == '0') xv.remove_prefix(1);
        while (!yv.empty() && yv[0] == '0') yv.remove_prefix(1);
      }
      ord = xv.size() <=> yv.size();
      if (ord == 0) ord = xv.compare(yv) <=> 0;
      if (ord == 0 && build) ord = x.size() <=> y.size();
    } else {
      ord = x.compare(y) <=> 0;
    }
    if (ord != 0) return ord;
  }
  return xs.size() == ys.size() ? std::strong_ordering::equal : std::strong_ordering::less;
}

}  // namespace

BasicExpected<Version, std::string> parse_version(std::string_view text) {
  Parser p{text, 0, {}};
  Version v;
  auto failed = [&]() -> BasicExpected<Version, std::string> { return Unexpected{std::move(p.error)}; };
  if (text.empty()) {
    p.error = "empty string, expected a semver version";
    return failed();
  }
  if (!p.numeric(Part::Major, v.major) || !p.dot(Part::Major) || !p.numeric(Part::Minor, v.minor) ||
      !p.dot(Part::Minor) || !p.numeric(Part::Patch, v.patch)) {
    return failed();
  }
  Part last = Part::Patch;
  if (p.pos < text.size() && text[p.pos] == '-') {
    ++p.pos;
    last = Part::Pre;
    if (!p.identifier(Part::Pre, v.pre)) return failed();
    if (v.pre.empty()) {
      p.error = "empty identifier segment in pre-release identifier";
      return failed();
    }
  }
  if (p.pos < text.size() && text[p.pos] == '+') {
    ++p.pos;
    last = Part::Build;
    if (!p.identifier(Part::Build, v.build)) return failed();
    if (v.build.empty()) {
      p.error = "empty identifier segment in build metadata";
      return failed();
    }
  }
  if (p.pos < text.size()) {
    p.error = "unexpected character " + quoted_char(text.substr(p.pos)) + " after " + part_name(last);
    return failed();
  }
  return v;
}

std::string Version::to_string() const {
  // Printers call this for every gate: each number goes through a buffer
  // on the stack, and `0.2.0` stays short enough for no heap block.
  std::string s;
  auto append_number = [&s](uint64_t n) {
    char digits[20];  // enough for any uint64_t
    s.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  };
  append_number(major);
  s += '.';
  append_number(minor);
  s += '.';
  append_number(patch);
  if (!pre.empty()) s.append("-").append(pre);
  if (!build.empty()) s.append("+").append(build);
  return s;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (auto c = a.major <=> b.major; c != 0) return c;
  if (auto c = a.minor <=> b.minor; c != 0) return c;
  if (auto c = a.patch <=> b.patch; c != 0) return c;
  if (a.pre != b.pre) {
    if (a.pre.empty()) return std::strong_ordering::greater;
    if (b.pre.empty()) return std::strong_ordering::less;
    if (auto c = compare_identifiers(a.pre, b.pre, false); c != 0) return c;
  }
  if (a.build == b.build) return std::strong_ordering::equal;
  return compare_identifiers(a.build, b.build, true);
}

}  // namespace plumb
