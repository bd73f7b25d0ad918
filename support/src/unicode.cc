// Unicode helpers for the lexers: UTF-8 decoding and validation, XID
// properties, and the reference's way of quoting characters in messages.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "plumb/support/utf8.h"

namespace plumb {
namespace {

struct CodepointRange {
  char32_t lo, hi;
};

#include "unicode_tables.inc"

template <size_t N>
bool in_table(const CodepointRange (&table)[N], char32_t c) {
  auto it = std::upper_bound(std::begin(table), std::end(table), c,
                             [](char32_t v, const CodepointRange& r) { return v < r.lo; });
  return it != std::begin(table) && c <= (it - 1)->hi;
}

// Where the first block of 64 bytes from `i` on holding a byte >= 0x80
// starts, or where fewer than 64 bytes remain.
size_t ascii_blocks_end(const unsigned char* p, size_t n, size_t i) {
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  for (; i + 64 <= n; i += 64) {
    Bytes16 v[4];
    std::memcpy(v, p + i, sizeof v);
    const Bytes16 any = v[0] | v[1] | v[2] | v[3];
    uint64_t halves[2];
    std::memcpy(halves, &any, sizeof halves);
    if ((halves[0] | halves[1]) & 0x8080808080808080ull) break;
  }
  return i;
}

}  // namespace

bool is_xid_start(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return in_table(kXidStart, c);
}

bool is_xid_continue(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return in_table(kXidContinue, c);
}

char32_t decode_utf8(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  // A sequence cut short by the end of the text is only as long as what is
  // left, so that callers stepping by `len` never pass the end (parse_file
  // may be given text that was not checked to be UTF-8).
  len = std::min(static_cast<size_t>(extra) + 1, s.size() - i);
  return cp;
}

std::string debug_char(char32_t c) {
  switch (c) {
    case 0: return "'\\0'";
    case '\t': return "'\\t'";
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\'': return "'\\''";
    case '\\': return "'\\\\'";
  }
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && in_table(kEscaped, c))) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "'\\u{%x}'", static_cast<unsigned>(c));
    return buf;
  }
  std::string out = "'";
  append_utf8(out, c);
  return out + "'";
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

size_t invalid_utf8_offset(std::string_view s) {
  const size_t n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < n) {
    // Whole files go through here: ASCII is passed over in blocks of 64
    // bytes (16-byte vectors: SSE2 on x86-64, NEON on arm64), then of 8.
    i = ascii_blocks_end(p, n, i);
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;  // a continuation byte, or 0xF8..0xFF
    }
    if (len > n - i) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool valid_utf8(std::string_view s) { return invalid_utf8_offset(s) == std::string_view::npos; }

}  // namespace plumb
