#pragma once
// The offline search index, sharded so that a query loads only a little of it, and written as
// .js files that call back into assets/search.js (scripts load from file://; fetch does not):
//   search-index.js   window.ANNALIST_SEARCH = {"v":2,"pages":N,"shards":[first token of each shard]}
//   search/tK.js      annalistSearchLoaded("t",K,{token: postings, …}) for the tokens from shards[K]
//                     up to shards[K+1], sorted (search_tokens.h says what a token is)
//   search/pI.js      annalistSearchLoaded("p",I,{"u":url,"t":title,"s":[[anchor,title,text],…]})
// Postings are, for each page holding the token in increasing order, the page number's distance
// from the previous one (the first: the page number) and the weight (occurrences * 4 +
// SearchFlags), each a number in base 32 written most significant digit first, every digit
// but the last one from kSearchDigits[32..63], the last one from kSearchDigits[0..31].
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "content.h"
#include "html.h"
#include "search_tokens.h"
#include "xref.h"

namespace annalist {

inline constexpr const char* kSearchDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
/// A shard is closed once it holds this many bytes of tokens and postings.
inline constexpr size_t kSearchShardBytes = 16 * 1024;

/// A file of the site: path, bytes.
using SearchFile = std::pair<std::string, std::string>;

/// One page's part of the index: its text (search/pI.js) and its tokens.
struct SearchPagePart {
  SearchFile fragment;
  std::vector<SearchToken> tokens;
};

/// Page i's part; `title` is its title as listed (with its label).
SearchPagePart search_page_part(size_t i, const Page& page, const std::string& title, const RenderedPage& r,
                                const Targets& targets);

/// Collects the pages' tokens, in page order, into shards.
class SearchIndexBuilder {
 public:
  explicit SearchIndexBuilder(size_t shard_bytes = kSearchShardBytes) : shard_bytes_(shard_bytes) {}
  /// Adds page `page`'s tokens; pages come in increasing order.
  void add(size_t page, const std::vector<SearchToken>& tokens);
  /// search-index.js, then every shard; `pages` is the number of pages.
  std::vector<SearchFile> finish(size_t pages);

 private:
  struct Postings {
    std::string token;  ///< the token
    std::string code;   ///< the encoded postings
    size_t last = 0;    ///< the last page added
  };
  size_t shard_bytes_;
  std::vector<Postings> postings_;                   ///< every token's, in the order first seen
  U64Map<uint32_t> cjk_;                             ///< CJK token (by its number) -> index in postings_ + 1
  std::unordered_map<std::string, uint32_t> words_;  ///< other token -> index in postings_ + 1
};

/// Appends n as written in postings (see above).
void append_search_number(uint64_t n, std::string& out);

/// Every file of the index: search-index.js, the shards, the page fragments.
std::vector<SearchFile> build_search_index(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                                           const std::vector<std::string>& page_labels, const Targets& targets);

}  // namespace annalist
