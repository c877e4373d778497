// The sharded search index: tokens, postings, shards, page fragments, and a built site's index
// read back the way assets/search.js reads it.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "search_index.h"
#include "search_tokens.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {

// The numbers of an encoded postings string (page distances and weights, in turn).
std::vector<uint64_t> decode_numbers(std::string_view code) {
  std::vector<uint64_t> out;
  uint64_t n = 0;
  for (char c : code) {
    size_t v = std::string_view(kSearchDigits).find(c);
    REQUIRE(v != std::string_view::npos);
    if (v >= 32) {
      n = n * 32 + (v - 32);
    } else {
      out.push_back(n * 32 + v);
      n = 0;
    }
  }
  return out;
}

// page -> weight of a postings string.
std::map<uint64_t, uint64_t> decode_postings(std::string_view code) {
  std::vector<uint64_t> nums = decode_numbers(code);
  REQUIRE(nums.size() % 2 == 0);
  std::map<uint64_t, uint64_t> out;
  uint64_t page = 0;
  for (size_t i = 0; i < nums.size(); i += 2) {
    page += nums[i];
    out[page] = nums[i + 1];
  }
  return out;
}

// The JSON value inside one of the index's .js files.
nlohmann::json js_value(const std::string& js) {
  size_t open = js.find('{'), close = js.rfind('}');
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  return nlohmann::json::parse(js.substr(open, close + 1 - open));
}

// The postings of token in a site's index, found as search.js finds them: the last shard whose
// first token is <= token.
std::map<uint64_t, uint64_t> lookup(const std::map<std::string, std::string>& files, const std::string& token) {
  nlohmann::json manifest = js_value(files.at("search-index.js"));
  int k = -1;
  for (size_t i = 0; i < manifest["shards"].size(); ++i)
    if (manifest["shards"][i].get<std::string>() <= token) k = static_cast<int>(i);
  if (k < 0) return {};
  nlohmann::json shard = js_value(files.at("search/t" + std::to_string(k) + ".js"));
  if (!shard.contains(token)) return {};
  return decode_postings(shard[token].get<std::string>());
}

}  // namespace

TEST_CASE("search tokens: CJK characters and pairs, folded words, separators", "[search]") {
  using V = std::vector<std::string>;
  CHECK(search_tokens("跨境电商") == V{"跨", "跨境", "境", "境电", "电", "电商", "商"});
  CHECK(search_tokens("GDP增长Ölpreis, x") == V{"gdp", "增", "增长", "长", "ölpreis", "x"});
  CHECK(search_tokens("12.5%，e-commerce") == V{"12", "5", "e", "commerce"});
  CHECK(search_tokens("なに한국") == V{"な", "なに", "に", "に한", "한", "한국", "국"});
  CHECK(search_tokens("电商。电商") == V{"电", "电商", "商", "电", "电商", "商"});  // no pair across punctuation
  CHECK(search_tokens(std::string(30, 'A')) == V{std::string(kMaxWordChars, 'a')});
  CHECK(search_tokens("a\xff\xfe" "b 𠀀c") == V{"a", "b", "c"});  // bad UTF-8 and astral characters separate
  CHECK(search_tokens("× ÷").empty());
}

TEST_CASE("search token counter: one entry per token, counts and flags", "[search]") {
  SearchTokenCounter c;
  c.add("电商 trade", kInPageTitle);
  c.add("电商", kInHeading);
  c.add("电商 电商 Trade", 0);
  std::vector<SearchToken> got = c.take();
  std::map<std::string, uint32_t> w;
  for (const auto& t : got) w[t.text()] = t.weight;
  CHECK(got.size() == 4);  // 电 电商 商 trade
  CHECK(w.size() == 4);
  CHECK(w["电商"] == 4 * 4 + (kInPageTitle | kInHeading));
  CHECK(w["trade"] == 2 * 4 + kInPageTitle);
}

TEST_CASE("U64Map: every key keeps its own value through collisions and growth", "[search]") {
  U64Map<uint32_t> m;
  std::map<uint64_t, uint32_t> expect;
  // Keys that share their low bits and keys spread wide, far more than the first table holds.
  for (uint64_t k = 1; k <= 5000; ++k) {
    uint64_t key = k % 2 ? k << 40 : k * 0x9E3779B97F4A7C15ull | 1;
    m[key] += static_cast<uint32_t>(k);
    expect[key] += static_cast<uint32_t>(k);
  }
  m[1ull << 40] += 7;  // an existing key again
  expect[1ull << 40] += 7;
  CHECK(m.size() == expect.size());
  std::map<uint64_t, uint32_t> got;
  m.for_each([&](uint64_t k, uint32_t v) { got[k] = v; });
  CHECK(got == expect);
  m.clear();
  CHECK(m.size() == 0);
  CHECK(m[42] == 0);
}

TEST_CASE("search postings numbers: base 32, high digits marked", "[search]") {
  for (uint64_t n : {0ull, 1ull, 31ull, 32ull, 1023ull, 1024ull, 123456789ull, ~0ull}) {
    std::string s;
    append_search_number(n, s);
    CHECK(decode_numbers(s) == std::vector<uint64_t>{n});
  }
  std::string s;
  append_search_number(31, s);
  append_search_number(32, s);
  CHECK(s == "VX0");  // 31; 32 = 1 * 32 + 0
}

TEST_CASE("search shards: sorted, cut by size, every token in the shard the manifest names", "[search]") {
  SearchIndexBuilder b(64);  // tiny shards
  std::vector<std::vector<SearchToken>> pages(40);
  for (size_t p = 0; p < pages.size(); ++p) {
    SearchTokenCounter c;
    c.add("page" + std::to_string(p) + " 电商 common", p % 3 == 0 ? uint32_t{kInHeading} : 0u);
    pages[p] = c.take();
    b.add(p, pages[p]);
  }
  std::map<std::string, std::string> files;
  for (auto& [path, bytes] : b.finish(pages.size())) files[path] = bytes;
  nlohmann::json manifest = js_value(files.at("search-index.js"));
  CHECK(manifest["v"] == 2);
  CHECK(manifest["pages"] == 40);
  REQUIRE(manifest["shards"].size() > 5);
  CHECK(files.size() == manifest["shards"].size() + 1);
  for (size_t k = 1; k < manifest["shards"].size(); ++k) CHECK(manifest["shards"][k - 1] < manifest["shards"][k]);
  std::map<uint64_t, uint64_t> common = lookup(files, "common");
  CHECK(common.size() == 40);
  CHECK(common[3] == 4 + kInHeading);
  CHECK(common[4] == 4);
  CHECK(lookup(files, "电商").size() == 40);
  CHECK(lookup(files, "page17") == std::map<uint64_t, uint64_t>{{17, 4}});
  CHECK(lookup(files, "page99").empty());
  CHECK(lookup(files, "0").empty());  // before the first shard
}

TEST_CASE("a built site's search index finds every page holding a word, and only those", "[search][e2e]") {
  TempDir s("search-index");
  BuildOptions o;
  o.project_dir = source_dir() + "/tests/fixtures/basic";
  o.out_dir = (s.path / "site").string();
  o.default_templates = source_dir() + "/templates";
  o.quiet = true;
  std::ostringstream out, err;
  REQUIRE(run_build(o, out, err) == 0);
  std::map<std::string, std::string> files = read_tree(s.path / "site");
  nlohmann::json manifest = js_value(files.at("search-index.js"));
  size_t pages = manifest["pages"].get<size_t>();
  REQUIRE(pages >= 3);
  // Every token of every page fragment is found, pointing at that page, and no page is listed
  // whose fragment does not hold it.
  std::map<std::string, std::set<uint64_t>> holders;
  for (size_t p = 0; p < pages; ++p) {
    nlohmann::json page = js_value(files.at("search/p" + std::to_string(p) + ".js"));
    CHECK(!page["u"].get<std::string>().empty());
    std::string all = page["t"].get<std::string>();
    for (const auto& sec : page["s"]) all += " " + sec[1].get<std::string>() + " " + sec[2].get<std::string>();
    for (const auto& t : search_tokens(all)) holders[t].insert(p);
  }
  REQUIRE(holders.size() > 50);
  for (const auto& [token, want] : holders) {
    INFO(token);
    std::set<uint64_t> got;
    for (const auto& [p, w] : lookup(files, token)) got.insert(p);
    CHECK(got == want);
  }
}
