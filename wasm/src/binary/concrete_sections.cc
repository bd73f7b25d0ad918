// The sections only concrete components have that the type checker needs:
// instances (what `instantiate` is given, or a bag of exports) and
// canonical definitions (where a lifted function gets its type). Every
// other canonical definition is read through, checking its structure, as it
// only adds a core function.
#include "byte_reader.h"

namespace plumb::wasm::binary {

namespace {

SortIndex read_sort_index(Reader& r, bool named_by_attributes) {
  SortIndex item;
  if (named_by_attributes) item.name = read_extern_name(r);
  else
    item.name.name = r.string();
  item.sort = read_sort(r);
  item.index = r.u32();
  return item;
}

// 0x00 or 0x01: the `async?`, `cancel?` and `shared?` flags.
void read_flag(Reader& r, const char* what) {
  size_t at = r.offset();
  uint8_t b = r.u8();
  if (b > 1) bad_byte(b, what, at);
}

void read_options(Reader& r) {
  uint32_t n = r.count();
  for (uint32_t i = 0; i < n; ++i) {
    size_t at = r.offset();
    uint8_t opt = r.u8();
    switch (opt) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x06:
      case 0x09: break;  // string encodings, async, gc
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x07:
      case 0x08: r.u32(); break;  // memory, realloc, post-return, callback, core type
      default: bad_byte(opt, "canonical option", at);
    }
  }
}

void read_result_list(Reader& r) {
  size_t at = r.offset();
  uint8_t b = r.u8();
  if (b == 0x00) {
    read_valtype(r);
  } else if (b == 0x01) {
    size_t n_at = r.offset();
    uint8_t count = r.u8();
    if (count != 0) bad_byte(count, "number of results", n_at);
  } else {
    bad_byte(b, "component function results", at);
  }
}

// The operands of canonical definition `op` that makes a core function.
void read_core_canon(Reader& r, uint8_t op, size_t at) {
  switch (op) {
    case 0x01: {  // lower
      size_t sort_at = r.offset();
      uint8_t sort = r.u8();
      if (sort != 0x00) bad_byte(sort, "canonical lower sort", sort_at);
      r.u32();
      read_options(r);
      return;
    }
    case 0x02: case 0x03: case 0x04:                    // resource.new, .drop, .rep
    case 0x0e: case 0x13: case 0x14: case 0x15: case 0x1a: case 0x1b:
      r.u32();
      return;
    case 0x05: case 0x0d: case 0x1e: case 0x1f: case 0x22: case 0x23:
    case 0x24: case 0x25: case 0x26: case 0x28:
      return;
    case 0x06: read_flag(r, "async"); return;  // subtask.cancel
    case 0x09: read_result_list(r); read_options(r); return;  // task.return
    case 0x0a: case 0x0b: r.u8(); r.u32(); return;            // context.get, .set
    case 0x0c: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: read_flag(r, "cancellable"); return;
    case 0x0f: case 0x10: case 0x16: case 0x17: r.u32(); read_options(r); return;  // stream/future read, write
    case 0x11: case 0x12: case 0x18: case 0x19: r.u32(); read_flag(r, "async"); return;
    case 0x1c: case 0x1d: read_options(r); return;  // error-context.new, .debug-message
    case 0x20: case 0x21: read_flag(r, "cancellable"); r.u32(); return;  // waitable-set.wait, .poll
    case 0x27: r.u32(); r.u32(); return;                                // thread.new-indirect
    case 0x40: r.u32(); return;                                         // thread.spawn-ref
    case 0x41: r.u32(); r.u32(); return;                                // thread.spawn-indirect
    case 0x42: return;                                                  // thread.available-parallelism
    default: bad_byte(op, "canonical function", at);
  }
}

}  // namespace

void read_instances(Reader& r, std::vector<ComponentInstance>& out) {
  uint32_t n = r.count();
  for (uint32_t i = 0; i < n; ++i) {
    ComponentInstance& inst = out.emplace_back();
    inst.offset = r.offset();
    uint8_t b = r.u8();
    if (b == 0x00) {
      inst.component = r.u32();
    } else if (b == 0x01) {
      inst.instantiate = false;
    } else {
      bad_byte(b, "instance", inst.offset);
    }
    uint32_t items = r.count();
    for (uint32_t j = 0; j < items; ++j) inst.items.push_back(read_sort_index(r, !inst.instantiate));
  }
}

void read_canons(Reader& r, std::vector<CanonFunc>& out) {
  uint32_t n = r.count();
  for (uint32_t i = 0; i < n; ++i) {
    CanonFunc& c = out.emplace_back();
    c.offset = r.offset();
    uint8_t op = r.u8();
    if (op != 0x00) {
      read_core_canon(r, op, c.offset);
      continue;
    }
    size_t sort_at = r.offset();
    uint8_t sort = r.u8();
    if (sort != 0x00) bad_byte(sort, "canonical lift sort", sort_at);
    c.lift = true;
    r.u32();  // the core function
    read_options(r);
    c.type = r.u32();
  }
}

}  // namespace plumb::wasm::binary
