#include "search_index.h"

#include <algorithm>
#include <cstdio>

#include "text.h"

namespace annalist {

namespace {

// Appends s as a JSON string; whitespace runs fold to one space, "</" is written "<\/".
void json_string(std::string_view s, std::string& out, bool fold) {
  out += '"';
  bool space = fold;
  size_t i = 0;
  while (i < s.size()) {
    // Copy runs of bytes that need no care in one go.
    size_t run = i;
    while (run < s.size()) {
      unsigned char b = static_cast<unsigned char>(s[run]);
      if (b <= 0x20 || b == '"' || b == '\\' || b == '/' || b == 0xE2) break;
      ++run;
    }
    if (run > i) {
      out.append(s, i, run - i);
      space = false;
      i = run;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (fold && (c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
      if (!space) out += ' ';
      space = true;
      ++i;
      continue;
    }
    space = false;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '/' && i > 0 && s[i - 1] == '<') {
      out += "\\/";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";  // line separators
      i += 3;
      continue;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  if (fold && out.back() == ' ') out.pop_back();
  out += '"';
}

}  // namespace

// The label of each cross-reference of the page (图1-2, 第3章; "" when it has no target).
static std::vector<std::string> xref_labels(const RenderedPage& r, const Targets& targets) {
  std::vector<std::string> labels(r.xrefs.size());
  for (size_t n = 0; n < r.xrefs.size(); ++n) {
    auto it = targets.by_key.find(r.xrefs[n].kind + ":" + r.xrefs[n].id);
    if (it != targets.by_key.end()) labels[n] = it->second.label;
  }
  return labels;
}

SearchPagePart search_page_part(size_t i, const Page& page, const std::string& title, const RenderedPage& r,
                                const Targets& targets) {
  bool xrefs = false;
  size_t size = page.url.size() + title.size() + 64;
  for (const auto& s : r.search) {
    size += s.own.size() + s.title.size() + s.anchor.size() + 24;
    for (const auto& sp : s.spans) {
      size += sp.len;
      xrefs = xrefs || sp.kind == SearchSpan::kXref;
    }
  }
  const std::vector<std::string> labels = xrefs ? xref_labels(r, targets) : std::vector<std::string>();
  SearchPagePart part;
  part.fragment.first = "search/p" + std::to_string(i) + ".js";
  std::string& out = part.fragment.second;
  out.reserve(size);
  out += "annalistSearchLoaded(\"p\",";
  out += std::to_string(i);
  out += ",{\"u\":";
  json_string(page.url, out, false);
  out += ",\"t\":";
  json_string(title, out, false);
  out += ",\"s\":[";
  SearchTokenCounter counter;
  counter.add(title, kInPageTitle);
  bool first = true;
  for (size_t k = 0; k < r.search.size(); ++k) {
    const SearchSection& s = r.search[k];
    std::string text = search_section_text(s, r.body_html(), labels);
    bool has_xref = std::any_of(s.spans.begin(), s.spans.end(),
                                [](const SearchSpan& sp) { return sp.kind == SearchSpan::kXref; });
    if (s.anchor.empty() && !has_xref && trim(text).empty()) continue;
    if (k > 0 || !s.anchor.empty()) counter.add(s.title, kInHeading);  // section 0's title is the page's
    counter.add(text, 0);
    out += first ? "[" : ",[";
    first = false;
    json_string(s.anchor, out, false);
    out += ',';
    json_string(s.title, out, false);
    out += ',';
    json_string(text, out, true);
    out += ']';
  }
  out += "]});\n";
  part.tokens = counter.take();
  return part;
}

void append_search_number(uint64_t n, std::string& out) {
  char buf[13];  // 64 bits in base 32, written from the end
  size_t k = sizeof buf;
  buf[--k] = kSearchDigits[n % 32];
  for (n /= 32; n > 0; n /= 32) buf[--k] = kSearchDigits[32 + n % 32];
  out.append(buf + k, sizeof buf - k);
}

void SearchIndexBuilder::add(size_t page, const std::vector<SearchToken>& tokens) {
  for (const auto& t : tokens) {
    uint32_t& at = t.key ? cjk_[t.key] : words_[t.token];
    if (at == 0) {
      postings_.push_back({t.text(), {}, 0});
      at = static_cast<uint32_t>(postings_.size());
    }
    Postings& p = postings_[at - 1];
    append_search_number(p.code.empty() ? page : page - p.last, p.code);
    append_search_number(t.weight, p.code);
    p.last = page;
  }
}

std::vector<SearchFile> SearchIndexBuilder::finish(size_t pages) {
  std::vector<std::pair<const std::string*, const Postings*>> sorted;
  sorted.reserve(postings_.size());
  for (const auto& p : postings_) sorted.emplace_back(&p.token, &p);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<SearchFile> files(1);
  std::string firsts;
  for (size_t k = 0; k < sorted.size(); ++k) {
    if (files.size() == 1 || files.back().second.size() >= shard_bytes_) {
      if (files.size() > 1) files.back().second += "});\n";
      size_t n = files.size() - 1;
      files.push_back({"search/t" + std::to_string(n) + ".js", "annalistSearchLoaded(\"t\"," + std::to_string(n) + ",{"});
      if (n) firsts += ',';
      json_string(*sorted[k].first, firsts, false);
    } else {
      files.back().second += ',';
    }
    std::string& out = files.back().second;
    json_string(*sorted[k].first, out, false);
    out += ":\"";
    out += sorted[k].second->code;
    out += '"';
  }
  if (files.size() > 1) files.back().second += "});\n";
  files[0] = {"search-index.js",
              "window.ANNALIST_SEARCH={\"v\":2,\"pages\":" + std::to_string(pages) + ",\"shards\":[" + firsts + "]};\n"};
  cjk_.clear();
  words_.clear();
  postings_.clear();
  return files;
}

std::vector<SearchFile> build_search_index(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                                           const std::vector<std::string>& page_labels, const Targets& targets) {
  SearchIndexBuilder builder;
  std::vector<SearchFile> fragments;
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string& label = i < page_labels.size() ? page_labels[i] : std::string();
    SearchPagePart part = search_page_part(i, pages[i], label.empty() ? rendered[i].title : label + " " + rendered[i].title,
                                           rendered[i], targets);
    builder.add(i, part.tokens);
    fragments.push_back(std::move(part.fragment));
  }
  std::vector<SearchFile> files = builder.finish(pages.size());
  for (auto& f : fragments) files.push_back(std::move(f));
  return files;
}

}  // namespace annalist
