// A bump allocator for AST nodes: one allocation per 64 KiB block instead of
// one per node, and everything is freed at once with the tree. Only trivially
// destructible types may live here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plumb {

// An immutable array that lives in an Arena.
template <class T>
struct List {
  const T* data = nullptr;
  uint32_t count = 0;

  const T* begin() const { return data; }
  const T* end() const { return data + count; }
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  const T& operator[](size_t i) const { return data[i]; }
  const T& back() const { return data[count - 1]; }
};

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  void* allocate(size_t bytes, size_t align) {
    size_t pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
    if (cur_ == nullptr || pad + bytes > static_cast<size_t>(end_ - cur_)) {
      grow(bytes + align);
      pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
    }
    void* p = cur_ + pad;
    cur_ += pad + bytes;
    return p;
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  template <class T>
  List<T> copy(const T* items, size_t count) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    if (count == 0) return {};
    T* out = static_cast<T*>(allocate(sizeof(T) * count, alignof(T)));
    std::uninitialized_copy(items, items + count, out);
    return {out, static_cast<uint32_t>(count)};
  }

  std::string_view copy_string(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  size_t bytes_reserved() const { return reserved_; }

  // Sizes the first block (for a parser, from the input's size) so small
  // inputs don't each pay for a full block.
  void reserve_first_block(size_t bytes) {
    if (blocks_.empty()) first_block_ = bytes < kMinBlock ? kMinBlock : bytes > kBlock ? kBlock : bytes;
  }

 private:
  void grow(size_t at_least) {
    // Each block after the first as large as all before it, up to 64 KiB:
    // a small tree wastes at most half of what it holds.
    size_t block = blocks_.empty() ? first_block_ : std::min(kBlock, std::max(first_block_, reserved_));
    size_t size = at_least > block ? at_least : block;
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));  // not zero-filled
    cur_ = blocks_.back().get();
    end_ = cur_ + size;
    reserved_ += size;
  }

  static constexpr size_t kBlock = 64 * 1024;
  static constexpr size_t kMinBlock = 1024;
  size_t first_block_ = kBlock;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t reserved_ = 0;
};

// Builds Lists without a heap allocation per list: items of all open lists of
// one element type share this buffer, and a list is copied into the arena when
// it closes. Items are appended only once fully parsed, so lists nest like a
// stack.
template <class T>
class ListBuilder {
 public:
  size_t mark() const { return items_.size(); }
  void push(const T& item) { items_.push_back(item); }
  List<T> finish(Arena& arena, size_t mark) {
    List<T> out = arena.copy(items_.data() + mark, items_.size() - mark);
    items_.resize(mark);
    return out;
  }

 private:
  std::vector<T> items_;
};

}  // namespace plumb
