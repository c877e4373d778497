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

std::string search_index_head(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                              const std::vector<std::string>& page_labels) {
  std::string out = "window.ANNALIST_SEARCH={\"pages\":[";
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string title = page_labels[i].empty() ? rendered[i].title : page_labels[i] + " " + rendered[i].title;
    out += i ? ",{\"u\":" : "{\"u\":";
    json_string(pages[i].url, out, false);
    out += ",\"t\":";
    json_string(title, out, false);
    out += '}';
  }
  out += "],\"sections\":[";
  return out;
}

std::string search_index_sections(size_t i, const RenderedPage& r, const Targets& targets) {
  size_t size = 0;
  bool xrefs = false;
  for (const auto& s : r.search) {
    size += s.own.size() + s.title.size() + s.anchor.size() + 24;
    for (const auto& sp : s.spans) {
      size += sp.len;
      xrefs = xrefs || sp.kind == SearchSpan::kXref;
    }
  }
  const std::vector<std::string> labels = xrefs ? xref_labels(r, targets) : std::vector<std::string>();
  std::string out;
  out.reserve(size);
  for (const auto& s : r.search) {
    std::string text = search_section_text(s, r.body_html(), labels);
    bool has_xref = std::any_of(s.spans.begin(), s.spans.end(),
                                [](const SearchSpan& sp) { return sp.kind == SearchSpan::kXref; });
    if (s.anchor.empty() && !has_xref && trim(text).empty()) continue;
    out += ",[";
    out += std::to_string(i);
    out += ',';
    json_string(s.anchor, out, false);
    out += ',';
    json_string(s.title, out, false);
    out += ',';
    json_string(text, out, true);
    out += ']';
  }
  return out;
}

std::string build_search_index(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                               const std::vector<std::string>& page_labels, const Targets& targets) {
  std::string out = search_index_head(pages, rendered, page_labels);
  size_t sections_start = out.size();
  for (size_t i = 0; i < pages.size(); ++i) out += search_index_sections(i, rendered[i], targets);
  if (out.size() > sections_start) out.erase(sections_start, 1);  // the first section's ','
  out += kSearchIndexTail;
  return out;
}

}  // namespace annalist
