#include "search_text.h"

namespace annalist {

namespace {

constexpr size_t kMaxSpan = (size_t{1} << 30) - 1;
constexpr size_t kMinBodySpan = 16;  // shorter runs are copied: a span costs 8 bytes

}  // namespace

std::string search_section_text(const SearchSection& s, std::string_view body,
                                const std::vector<std::string>& xref_labels) {
  size_t size = 0;
  for (const auto& sp : s.spans) size += sp.len;
  std::string out;
  out.reserve(size);
  for (const auto& sp : s.spans) {
    switch (sp.kind) {
      case SearchSpan::kBody:
        if (sp.off <= body.size()) out.append(body.substr(sp.off, sp.len));
        break;
      case SearchSpan::kOwn:
        out.append(s.own, sp.off, sp.len);
        break;
      default:
        if (sp.off < xref_labels.size()) out += xref_labels[sp.off];
    }
  }
  return out;
}

void SearchTextBuilder::section(std::string anchor, std::string title) {
  out_->push_back({std::move(anchor), std::move(title), {}, {}});
}

void SearchTextBuilder::text(std::string_view s) {
  SearchSection& c = cur();
  while (!s.empty()) {
    size_t n = std::min(s.size(), kMaxSpan);
    if (!c.spans.empty() && c.spans.back().kind == SearchSpan::kOwn &&
        c.spans.back().off + c.spans.back().len == c.own.size() && c.spans.back().len + n <= kMaxSpan) {
      c.spans.back().len += static_cast<uint32_t>(n);
    } else {
      c.spans.push_back({static_cast<uint32_t>(c.own.size()), static_cast<uint32_t>(n), SearchSpan::kOwn});
    }
    c.own.append(s.substr(0, n));
    s.remove_prefix(n);
  }
}

void SearchTextBuilder::body_text(size_t at, std::string_view s) {
  if (s.size() < kMinBodySpan || s.size() > kMaxSpan || at > UINT32_MAX || at + s.size() > body_->size() ||
      body_->compare(at, s.size(), s) != 0) {
    text(s);
    return;
  }
  SearchSection& c = cur();
  if (!c.spans.empty() && c.spans.back().kind == SearchSpan::kBody && c.spans.back().off + c.spans.back().len == at &&
      c.spans.back().len + s.size() <= kMaxSpan) {
    c.spans.back().len += static_cast<uint32_t>(s.size());
    return;
  }
  c.spans.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(s.size()), SearchSpan::kBody});
}

void SearchTextBuilder::xref(size_t index) {
  cur().spans.push_back({static_cast<uint32_t>(index), 0, SearchSpan::kXref});
}

void SearchTextBuilder::block_break() {
  const SearchSection& c = out_->back();
  if (c.spans.empty()) return;
  const SearchSpan& last = c.spans.back();
  char ch = last.kind == SearchSpan::kBody ? (*body_)[last.off + last.len - 1]
            : last.kind == SearchSpan::kOwn ? c.own[last.off + last.len - 1]
                                            : 'x';  // a label
  if (ch != ' ') text(" ");
}

void SearchTextBuilder::finish() {
  for (auto& s : *out_) {
    s.own.shrink_to_fit();
    s.spans.shrink_to_fit();
  }
  out_->shrink_to_fit();
}

}  // namespace annalist
