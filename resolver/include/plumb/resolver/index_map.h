// An insertion-ordered map, like Rust's IndexMap that the reference uses
// everywhere: iteration follows insertion order (which decides arena order,
// JSON order and printed order), lookups are hashed once a map grows.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace plumb {

template <class K, class V, class Hash = std::hash<K>>
class IndexMap {
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
        if (entries_[i].first == key) return static_cast<int64_t>(i);
      }
      return -1;
    }
    build_index();
    auto it = index_->find(key);
    return it == index_->end() ? -1 : static_cast<int64_t>(it->second);
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
    int64_t i = index_of(key);
    if (i >= 0) return {&entries_[static_cast<size_t>(i)].second, false};
    entries_.emplace_back(std::move(key), std::move(value));
    if (index_) (*index_)[entries_.back().first] = static_cast<uint32_t>(entries_.size() - 1);
    return {&entries_.back().second, true};
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
  void clear() {
    entries_.clear();
    index_.reset();
  }
  void reserve(size_t n) { entries_.reserve(n); }

 private:
  static constexpr size_t kLinear = 8;
  void build_index() const {
    if (index_) return;
    index_ = std::make_unique<std::unordered_map<K, uint32_t, Hash>>();
    index_->reserve(entries_.size() * 2);
    for (size_t i = 0; i < entries_.size(); ++i) index_->emplace(entries_[i].first, static_cast<uint32_t>(i));
  }

  std::vector<Entry> entries_;
  mutable std::unique_ptr<std::unordered_map<K, uint32_t, Hash>> index_;
};

}  // namespace plumb
