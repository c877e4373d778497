// cmark-gfm at the edge: extension syntax must survive documents parsed on several threads.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "inline_syntax.h"
#include "markdown.h"

using namespace annalist;

namespace {

// Counts strikethrough, link nodes (autolinks) and annalist's inline nodes ({{ }}, $math$).
void count(cmark_node* doc, int* strike, int* links, int* own = nullptr) {
  cmark_iter* it = cmark_iter_new(doc);
  for (auto ev = cmark_iter_next(it); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it)) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    if (cmark_node_get_type(n) == gfm_types().strikethrough) ++*strike;
    if (cmark_node_get_type(n) == CMARK_NODE_LINK) ++*links;
    if (own && inline_kind(n) != InlineKind::kNone) ++*own;
  }
  cmark_iter_free(it);
}

}  // namespace

TEST_CASE("strikethrough, autolinks, math and {{ }} parse the same on many threads at once", "[markdown]") {
  // cmark-gfm adds and removes the extensions' inline characters in a process-wide table around
  // every document; without annalist's guard, a parser finishing on one thread made documents
  // on other threads lose their ~~strikethrough~~ (seen as nondeterministic builds).
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Para " + std::to_string(i) + " with ~~old~~ text, $x_1$, {{ data.a }} and www.example.org here.\n\n";
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int k = 0; k < 60; ++k) {
        MarkdownDoc doc = parse_markdown(text);
        int strike = 0, links = 0, own = 0;
        count(doc.get(), &strike, &links, &own);
        if (strike != 40 || links != 40 || own != 80) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
}
