#pragma once
// The words of the sharded search index. The browser (assets/search.js) splits a query the same
// way, so both sides must agree on every rule here:
//  - CJK characters (kana, CJK ideographs of the BMP, Hangul) give every character and every pair
//    of neighbouring characters (bigrams): 跨境电商 has 跨境 境电 电商 and 跨 境 电 商;
//  - letters and digits (ASCII, Latin-1 and Latin Extended-A/B, Greek, Cyrillic) give words,
//    A-Z and À-Þ folded to lower case, cut after kMaxWordChars characters;
//  - everything else separates.
// Every character of a token is in the BMP (no surrogates), so UTF-8 byte order, code point order
// and JavaScript's string order are one order.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "u64_map.h"

namespace annalist {

inline constexpr size_t kMaxWordChars = 24;

/// Weight flags of a token on a page (weight = count * 4 + flags).
enum SearchFlags : uint32_t { kInPageTitle = 1, kInHeading = 2 };

/// A token of a page and its weight: occurrences * 4 + SearchFlags.
struct SearchToken {
  std::string token;  ///< a word; "" for a CJK token (spelled by text() from its key only when needed)
  uint32_t weight;
  uint64_t key = 0;  ///< a CJK token as a number (a pair's or a character's code points), 0 for a word
  bool operator==(const SearchToken&) const = default;
  /// The token as it is searched for.
  std::string text() const;
};

/// The tokens of text, in order, repeats included.
std::vector<std::string> search_tokens(std::string_view text);

/// Counts the tokens of one page: its title, each section's title and text.
class SearchTokenCounter {
 public:
  /// Adds the tokens of text with the given SearchFlags.
  void add(std::string_view text, uint32_t flags);
  /// Every token once with its weight (occurrences capped at 2^24), in no set order: each
  /// token's postings do not depend on it.
  std::vector<SearchToken> take();

 private:
  U64Map<uint32_t> cjk_;                             ///< CJK token as a number -> weight so far
  std::unordered_map<std::string, uint32_t> words_;  ///< word -> weight so far
};

}  // namespace annalist
