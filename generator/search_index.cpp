#include "search_index.h"

#include <charconv>
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

// Section text with cross-reference marks replaced by their labels (图1-2, 第3章).
static std::string with_labels(std::string&& text, const RenderedPage& r, const Targets& targets) {
  if (text.find(kXrefOpen) == std::string::npos) return std::move(text);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t b = text.find(kXrefOpen, i);
    size_t e = b == std::string::npos ? b : text.find(kXrefClose, b);
    if (e == std::string::npos) break;
    out.append(text, i, b - i);
    // Raw user text can hold these bytes too: only digits between the marks name an xref.
    size_t n = r.xrefs.size();
    const char* d0 = text.data() + b + 1;
    const char* d1 = text.data() + e;
    auto parsed = std::from_chars(d0, d1, n);
    if (d0 == d1 || parsed.ec != std::errc() || parsed.ptr != d1) n = r.xrefs.size();
    if (n < r.xrefs.size()) {
      auto it = targets.by_key.find(r.xrefs[n].kind + ":" + r.xrefs[n].id);
      if (it != targets.by_key.end()) out += it->second.label;
    }
    i = e + 1;
  }
  out.append(text, i, std::string::npos);
  return out;
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
  for (const auto& s : r.search) size += s.text.size() + s.title.size() + s.anchor.size() + 24;
  std::string out;
  out.reserve(size);
  for (const auto& s : r.search) {
    std::string text = search_section_text(s.text, r.body_html());
    if (s.anchor.empty() && trim(text).empty()) continue;
    out += ",[";
    out += std::to_string(i);
    out += ',';
    json_string(s.anchor, out, false);
    out += ',';
    json_string(s.title, out, false);
    out += ',';
    json_string(with_labels(std::move(text), r, targets), out, true);
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
