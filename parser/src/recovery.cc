// Error recovery. The reference stops at the first error; plumb reports it
// the same way and then skips to a point where parsing can resume, so one run
// shows every syntax error of a file. Resynchronisation points:
//   * a `;` or a closing `}` that ends the broken item,
//   * the `}` that closes the enclosing body,
//   * a token that starts an item and is the first on its line (this catches
//     a missing `;` or `}` without swallowing the next item),
//   * the start of a top-level item (`interface`, `world`, `package` first on
//     a line), which abandons the body so the declaration list takes over.
#include "parser_internal.h"

namespace plumb {

bool Parser::is_line_start(uint32_t offset) const {
  size_t i = offset - base_;
  while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
  return i == 0 || text_[i - 1] == '\n';
}

bool Parser::at_eof_after_error() const {
  if (cur_.kind != Tok::Error) return cur_.kind == Tok::Eof;
  Lexer probe = lex_;
  Token t;
  do {
    t = probe.next();
  } while (t.kind == Tok::Error);
  return t.kind == Tok::Eof;
}

bool Parser::starts_item(Context ctx, Token t) {
  switch (ctx) {
    case Context::Decls:
      return t.kind == Tok::Interface || t.kind == Tok::World || t.kind == Tok::Package || t.kind == Tok::Use ||
             t.kind == Tok::At;
    case Context::World:
      switch (t.kind) {
        case Tok::Import: case Tok::Export: case Tok::Use: case Tok::Include: case Tok::Type:
        case Tok::Record: case Tok::Flags: case Tok::Variant: case Tok::Enum: case Tok::Resource:
        case Tok::At:
          return true;
        default:
          return false;
      }
    case Context::Interface:
    case Context::Resource: {
      bool keyword_start = ctx == Context::Interface
                               ? (t.kind == Tok::Type || t.kind == Tok::Record || t.kind == Tok::Flags ||
                                  t.kind == Tok::Variant || t.kind == Tok::Enum || t.kind == Tok::Resource ||
                                  t.kind == Tok::Use)
                               : t.kind == Tok::Constructor;
      if (keyword_start || t.kind == Tok::At) return true;
      if (t.kind != Tok::Id && t.kind != Tok::ExplicitId) return false;
      // `name:` starts a function. (`t` is the current token.)
      Lexer probe = lex_;
      return probe.next().kind == Tok::Colon;
    }
  }
  return false;
}

// Skips input after an error. `body_depth` is the brace depth inside the body
// being recovered (0 at top level); `item_start` is the token where the broken
// item began, so recovery always makes progress past it.
void Parser::recover(Context ctx, int body_depth, uint32_t item_start) {
  Lexer probe = lex_;
  probe.seek(item_start);
  Token first;
  do {
    first = probe.next();
  } while (first.kind == Tok::Error);
  const uint32_t item_offset = first.start;
  // Stopping leaves the current token for the caller; consuming moves on.
  for (;; advance()) {
    Token t = cur_;
    if (t.kind == Tok::Eof) {
      depth_ = body_depth;
      return;
    }
    if (t.kind == Tok::Error) continue;  // the lexer has moved past the bad input
    bool line_start = t.start != item_offset && is_line_start(t.start);
    if (line_start && (t.kind == Tok::Interface || t.kind == Tok::World || t.kind == Tok::Package) &&
        (ctx != Context::Decls || depth_ >= body_depth)) {
      if (ctx != Context::Decls) throw Resync{};
      depth_ = body_depth;
      return;
    }
    if (line_start && depth_ >= body_depth && starts_item(ctx, t) &&
        (ctx != Context::Decls || depth_ == body_depth)) {
      depth_ = body_depth;
      return;
    }
    switch (t.kind) {
      case Tok::LBrace:
        ++depth_;
        break;
      case Tok::RBrace:
        if (depth_ <= body_depth) {
          if (ctx == Context::Decls && body_depth == 0) break;  // a stray `}` at top level
          depth_ = body_depth;
          return;
        }
        if (--depth_ == body_depth && ctx != Context::Decls) {
          advance();
          // `use a.{b};` and `include a with { b as c }` end after the brace,
          // the former with a `;` that belongs to it.
          if (cur_.kind == Tok::Semicolon) advance();
          return;
        }
        break;
      case Tok::Semicolon:
        if (depth_ == body_depth && ctx != Context::Decls) {
          advance();
          return;
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace plumb
