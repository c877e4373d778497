#pragma once
// A hash map from nonzero 64-bit keys to values, in one array (open addressing, linear probing):
// the search index counts and collects millions of CJK tokens a build, where a node-based map
// spends its time allocating nodes and missing the cache.
#include <cstdint>
#include <utility>
#include <vector>

namespace annalist {

template <typename V>
class U64Map {
 public:
  /// The value of key (nonzero), default-made when new.
  V& operator[](uint64_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    size_t i = slot_of(key);
    if (slots_[i].first == 0) {
      slots_[i].first = key;
      ++size_;
    }
    return slots_[i].second;
  }
  size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
  }
  /// Calls fn(key, value) for every entry, in no set order.
  template <typename Fn>
  void for_each(Fn&& fn) {
    for (auto& [k, v] : slots_)
      if (k) fn(k, v);
  }

 private:
  size_t slot_of(uint64_t key) const {
    uint64_t h = key * 0x9E3779B97F4A7C15ull;  // Fibonacci hashing: the high bits are well mixed
    size_t mask = slots_.size() - 1, i = static_cast<size_t>(h >> 32) & mask;
    while (slots_[i].first != 0 && slots_[i].first != key) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<std::pair<uint64_t, V>> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    for (auto& [k, v] : old)
      if (k) slots_[slot_of(k)] = {k, std::move(v)};
  }
  std::vector<std::pair<uint64_t, V>> slots_;  // key 0: empty
  size_t size_ = 0;
};

}  // namespace annalist
