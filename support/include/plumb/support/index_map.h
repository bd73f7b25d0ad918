// An insertion-ordered map, like Rust's IndexMap that the reference uses
// everywhere: iteration follows insertion order (which decides arena order,
// JSON order and printed order), lookups are hashed once a map grows.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace plumb {

// A fast hash for names (std::hash of a string_view is a full Murmur pass):
// eight bytes at a time, mixed by multiplication.
struct NameHash {
  size_t operator()(std::string_view s) const {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    h = (h ^ tail) * 0x94D049BB133111EBull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// Equality of names without a call to memcmp: names are short (most under
// 16 bytes), and small maps compare a key with every entry. Two overlapping
// loads cover 4 to 16 bytes; longer names compare 8 bytes at a time.
struct NameEqual {
  bool operator()(std::string_view a, std::string_view b) const {
    const size_t n = a.size();
    if (n != b.size()) return false;
    const char *p = a.data(), *q = b.data();
    if (n >= 8) {
      size_t i = 0;
      for (; i + 8 < n; i += 8) {
        if (load8(p + i) != load8(q + i)) return false;
      }
      return load8(p + n - 8) == load8(q + n - 8);
    }
    if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
    for (size_t i = 0; i < n; ++i) {
      if (p[i] != q[i]) return false;
    }
    return true;
  }

 private:
  template <class Word>
  static Word load(const char* p) {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  static uint64_t load8(const char* p) { return load<uint64_t>(p); }
  static uint32_t load4(const char* p) { return load<uint32_t>(p); }
};

// How an IndexMap hashes and compares keys by default: names have their
// own, faster ways.
template <class K>
struct KeyTraits {
  using Hash = std::hash<K>;
  using Equal = std::equal_to<K>;
};
template <>
struct KeyTraits<std::string_view> {
  using Hash = NameHash;
  using Equal = NameEqual;
};

template <class K, class V, class Hash = typename KeyTraits<K>::Hash>
class IndexMap {
  using Equal = typename KeyTraits<K>::Equal;

 public:
  using Entry = std::pair<K, V>;

  IndexMap() = default;
  IndexMap(const IndexMap& o) : entries_(o.entries_) {}
  IndexMap& operator=(const IndexMap& o) {
    entries_ = o.entries_;
    index_.reset();
    return *this;
  }
  IndexMap(IndexMap&&) noexcept = default;
  IndexMap& operator=(IndexMap&&) noexcept = default;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  auto begin() { return entries_.begin(); }
  auto end() { return entries_.end(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  Entry& at_index(size_t i) { return entries_[i]; }
  const Entry& at_index(size_t i) const { return entries_[i]; }

  // Position of `key`, or -1.
  int64_t index_of(const K& key) const {
    if (entries_.size() <= kLinear) {
      for (size_t i = 0; i < entries_.size(); ++i) {
        if (Equal()(entries_[i].first, key)) return static_cast<int64_t>(i);
      }
      return -1;
    }
    build_index();
    return index_->find(entries_, key);
  }
  V* find(const K& key) {
    int64_t i = index_of(key);
    return i < 0 ? nullptr : &entries_[static_cast<size_t>(i)].second;
  }
  const V* find(const K& key) const {
    int64_t i = index_of(key);
    return i < 0 ? nullptr : &entries_[static_cast<size_t>(i)].second;
  }
  bool contains(const K& key) const { return index_of(key) >= 0; }

  // Adds `key` at the end unless present. Returns the value and whether it
  // was inserted (an existing value is left as it was).
  std::pair<V*, bool> try_insert(K key, V value) {
    if (!index_ && entries_.size() <= kLinear) {
      int64_t i = index_of(key);
      if (i >= 0) return {&entries_[static_cast<size_t>(i)].second, false};
      entries_.emplace_back(std::move(key), std::move(value));
      return {&entries_.back().second, true};
    }
    // One hash of the key serves the lookup and the insertion.
    build_index();
    auto [pos, hash] = index_->find_hashed(entries_, key);
    if (pos >= 0) return {&entries_[static_cast<size_t>(pos)].second, false};
    entries_.emplace_back(std::move(key), std::move(value));
    index_->insert_hashed(static_cast<uint32_t>(entries_.size() - 1), hash);
    return {&entries_.back().second, true};
  }
  // Adds `key` at the end without looking for it first: for a caller that
  // knows the key is new (copying the entries of another map, say). A key
  // that is already there would be listed twice.
  template <class Value>
  void push_new(K key, Value&& value) {
    entries_.emplace_back(std::move(key), std::forward<Value>(value));
    if (index_) index_->insert(entries_, static_cast<uint32_t>(entries_.size() - 1));
  }
  // Rust's IndexMap::insert: replaces the value of an existing key in place
  // (keeping its position). Returns whether the key was already there.
  bool insert_or_assign(K key, V value) {
    auto [slot, inserted] = try_insert(std::move(key), V(value));
    if (!inserted) *slot = std::move(value);
    return !inserted;
  }
  // The value of `key`, inserting `make()` at the end first if absent.
  template <class Make>
  V& get_or_insert_with(const K& key, Make&& make) {
    if (V* v = find(key)) return *v;
    return *try_insert(key, make()).first;
  }

  // Keeps the entries for which pred(key, value) holds, in order.
  template <class Pred>
  void retain(Pred&& pred) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [&](Entry& e) { return !pred(e.first, e.second); }),
                   entries_.end());
    index_.reset();
  }
  // Stable sort by key_of(key, value).
  template <class KeyOf>
  void stable_sort_by(KeyOf&& key_of) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [&](const Entry& a, const Entry& b) { return key_of(a.first, a.second) < key_of(b.first, b.second); });
    index_.reset();
  }
  // Empties the map; a small index keeps its table, for a map that is
  // filled and cleared over and over.
  void clear() {
    entries_.clear();
    if (index_ && !index_->clear_if_small()) index_.reset();
  }
  // Room for `n` entries, and for their index when they will need one, so
  // that filling a large map neither moves entries nor rehashes keys.
  void reserve(size_t n) {
    entries_.reserve(n);
    if (n > kLinear && !index_) {
      index_ = std::make_unique<Index>(n);
      for (size_t i = 0; i < entries_.size(); ++i) index_->insert(entries_, static_cast<uint32_t>(i));
    }
  }

 private:
  static constexpr size_t kLinear = 8;

  // An open-addressing table of positions into `entries_` (linear probing,
  // power-of-two size, at most half full): no allocation per key, and the
  // keys are not stored twice. A slot holds the position and 32 bits of the
  // key's hash together, so a probe reads one place.
  class Index {
   public:
    explicit Index(size_t expected) {
      size_t n = 16;
      while (n < expected * 2) n *= 2;
      slots_.assign(n, Slot{kEmpty, 0});
    }
    int64_t find(const std::vector<Entry>& entries, const K& key) const {
      return find_hashed(entries, key).first;
    }
    // The position of `key` (or -1), and its hash for insert_hashed.
    std::pair<int64_t, uint32_t> find_hashed(const std::vector<Entry>& entries, const K& key) const {
      const uint32_t h = hash32(key);
      const size_t mask = slots_.size() - 1;
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot s = slots_[i];
        if (s.pos == kEmpty) return {-1, h};
        if (s.hash == h && Equal()(entries[s.pos].first, key)) return {s.pos, h};
      }
    }
    void insert(const std::vector<Entry>& entries, uint32_t pos) { insert_hashed(pos, hash32(entries[pos].first)); }
    void insert_hashed(uint32_t pos, uint32_t hash) {
      if ((count_ + 1) * 2 > slots_.size()) grow();
      place(Slot{pos, hash});
    }
    bool clear_if_small() {
      if (slots_.size() > 256) return false;
      std::fill(slots_.begin(), slots_.end(), Slot{kEmpty, 0});
      count_ = 0;
      return true;
    }

   private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Slot {
      uint32_t pos;
      uint32_t hash;
    };
    static uint32_t hash32(const K& key) {
      size_t h = Hash()(key);
      return static_cast<uint32_t>(h ^ (h >> 32));
    }
    void place(Slot slot) {
      const size_t mask = slots_.size() - 1;
      size_t i = slot.hash & mask;
      while (slots_[i].pos != kEmpty) i = (i + 1) & mask;
      slots_[i] = slot;
      ++count_;
    }
    // Re-places every position by its stored hash: no key is hashed again.
    void grow() {
      std::vector<Slot> old = std::move(slots_);
      slots_.assign(old.size() * 2, Slot{kEmpty, 0});
      count_ = 0;
      for (const Slot& s : old) {
        if (s.pos != kEmpty) place(s);
      }
    }
    std::vector<Slot> slots_;
    size_t count_ = 0;
  };

  void build_index() const {
    if (index_) return;
    index_ = std::make_unique<Index>(entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i) index_->insert(entries_, static_cast<uint32_t>(i));
  }

  std::vector<Entry> entries_;
  mutable std::unique_ptr<Index> index_;
};

}  // namespace plumb
