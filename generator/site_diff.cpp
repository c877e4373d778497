#include "site_diff.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "text.h"

namespace annalist {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ---- text extraction ------------------------------------------------------------------

struct Entity {
  const char* name;
  char32_t cp;
};
constexpr Entity kEntities[] = {
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009}, {"ndash", 0x2013},
    {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"hellip", 0x2026}, {"middot", 0xB7},   {"times", 0xD7},    {"copy", 0xA9},     {"reg", 0xAE},
    {"laquo", 0xAB},    {"raquo", 0xBB},    {"minus", 0x2212},  {"deg", 0xB0},
};

// Whitespace (ASCII and no-break space) collapsed to one space, C0 controls dropped, trimmed.
std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = true;
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

const std::set<std::string, std::less<>> kBlockTags = {
    "address", "article", "aside",  "blockquote", "body",   "caption", "dd",      "desc",    "details",
    "dialog",  "div",     "dl",     "dt",         "fieldset", "figcaption", "figure", "footer", "form",
    "h1",      "h2",      "h3",     "h4",         "h5",     "h6",      "head",    "header",  "hr",
    "html",    "legend",  "li",     "main",       "nav",    "noscript", "ol",     "option",  "p",
    "pre",     "section", "select", "summary",    "svg",    "table",   "tbody",   "textarea", "tfoot",
    "thead",   "title",   "tr",     "ul"};

// One pass over the HTML: tags switch state, text goes into the current block.
class Extractor {
 public:
  std::vector<TextBlock> run(std::string_view html) {
    size_t i = 0;
    while (i < html.size()) {
      if (html[i] != '<') {
        size_t e = html.find('<', i);
        if (e == std::string_view::npos) e = html.size();
        if (svg_depth_ == 0 || svg_keep_ > 0) buf_.append(html.substr(i, e - i));
        i = e;
        continue;
      }
      i = tag(html, i);
    }
    flush();
    std::vector<TextBlock> out;
    out.reserve(blocks_.size());
    for (auto& [b, frame] : blocks_) {
      for (int f = frame; f >= 0; f = frames_[f].parent) {
        if (!frames_[f].caption.empty()) {
          b.caption = frames_[f].caption;
          break;
        }
      }
      out.push_back(std::move(b));
    }
    return out;
  }

 private:
  struct Frame {
    int parent = -1;
    std::string caption;
  };

  int frame() const { return open_.empty() ? -1 : open_.back().second; }

  void flush() {
    std::string text = collapse_space(decode_entities(buf_));
    buf_.clear();
    if (text.empty()) return;
    if (caption_frame_ >= 0 && frames_[caption_frame_].caption.empty()) frames_[caption_frame_].caption = text;
    TextBlock b;
    b.text = std::move(text);
    b.in_svg = svg_depth_ > 0;
    blocks_.emplace_back(std::move(b), frame());
  }

  // Handles the markup starting at html[i] == '<'; returns the offset after it.
  size_t tag(std::string_view html, size_t i) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      return e == std::string_view::npos ? html.size() : e + 3;
    }
    size_t j = i + 1;
    if (j < html.size() && (html[j] == '!' || html[j] == '?')) {
      size_t e = html.find('>', j);
      return e == std::string_view::npos ? html.size() : e + 1;
    }
    bool closing = j < html.size() && html[j] == '/';
    if (closing) ++j;
    if (j >= html.size() || !is_alpha(html[j])) {  // a lone '<' is text
      if (svg_depth_ == 0 || svg_keep_ > 0) buf_ += '<';
      return i + 1;
    }
    std::string name;
    while (j < html.size() && (is_alnum(html[j]) || html[j] == '-' || html[j] == ':')) name += lower(html[j++]);
    // The end of the tag, skipping quoted attribute values.
    size_t k = j;
    char quote = 0;
    for (; k < html.size(); ++k) {
      char c = html[k];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    std::string_view attrs = html.substr(j, k - j);
    size_t after = k < html.size() ? k + 1 : html.size();
    bool self_closing = !attrs.empty() && attrs.back() == '/';
    if (closing) close_tag(name);
    else after = open_tag(html, name, attrs, self_closing, after);
    return after;
  }

  size_t open_tag(std::string_view html, const std::string& name, std::string_view attrs, bool self_closing,
                  size_t after) {
    if (name == "script" || name == "style" || name == "template") {
      if (self_closing) return after;
      // Raw text up to the matching end tag.
      std::string end = "</" + name;
      for (size_t p = after; p < html.size(); ++p) {
        if (html[p] != '<' || p + end.size() > html.size()) continue;
        bool match = true;
        for (size_t q = 0; q < end.size() && match; ++q) match = lower(html[p + q]) == end[q];
        if (match) {
          size_t e = html.find('>', p);
          return e == std::string_view::npos ? html.size() : e + 1;
        }
      }
      return html.size();
    }
    if (svg_depth_ > 0) {
      if (name == "title" || name == "desc") {
        flush();
        if (!self_closing) ++svg_keep_;
      } else if (name == "svg" && !self_closing) {
        ++svg_depth_;
      }
      return after;
    }
    if (name == "br") {
      buf_ += ' ';
      return after;
    }
    if (name == "td" || name == "th") {
      if (cells_ > 0) buf_ += " | ";
      ++cells_;
      return after;
    }
    if (name == "sup") {
      bool fn = attrs.find("footnote-ref") != std::string_view::npos;
      if (fn) buf_ += '[';
      sups_.push_back(fn);
      return after;
    }
    if (!kBlockTags.count(name)) return after;
    flush();
    if (name == "tr") cells_ = 0;
    if (self_closing) return after;
    if (name == "svg") {
      ++svg_depth_;
    } else if (name == "figure" || name == "table") {
      frames_.push_back({frame(), {}});
      open_.emplace_back(name, static_cast<int>(frames_.size()) - 1);
    } else if (name == "figcaption" || name == "caption") {
      caption_frame_ = frame();
    }
    return after;
  }

  void close_tag(const std::string& name) {
    if (svg_depth_ > 0) {
      if ((name == "title" || name == "desc") && svg_keep_ > 0) {
        flush();
        --svg_keep_;
      } else if (name == "svg") {
        flush();
        if (--svg_depth_ == 0) svg_keep_ = 0;
      }
      return;
    }
    if (name == "sup") {
      if (!sups_.empty()) {
        if (sups_.back()) buf_ += ']';
        sups_.pop_back();
      }
      return;
    }
    if (!kBlockTags.count(name)) return;
    flush();
    if (name == "tr") cells_ = 0;
    if (name == "figcaption" || name == "caption") caption_frame_ = -1;
    if (name == "figure" || name == "table") {
      for (size_t k = open_.size(); k > 0; --k) {
        if (open_[k - 1].first == name) {
          open_.resize(k - 1);
          break;
        }
      }
    }
  }

  std::string buf_;
  std::vector<std::pair<TextBlock, int>> blocks_;  // block, innermost figure/table frame
  std::vector<Frame> frames_;
  std::vector<std::pair<std::string, int>> open_;  // open figure/table elements -> frame
  std::vector<bool> sups_;                         // open <sup>: is it a footnote reference?
  int caption_frame_ = -1;
  int cells_ = 0;
  int svg_depth_ = 0, svg_keep_ = 0;
};

// ---- Myers diff ---------------------------------------------------------------------------

// Finds a point on an optimal edit path of a[0,n) -> b[0,m) (the middle snake, bisecting from both
// ends as in Myers 1986 §4b). False when none was found.
bool bisect(const uint32_t* a, int n, const uint32_t* b, int m, std::vector<int>& v1, std::vector<int>& v2,
            int* sx, int* sy) {
  const int max_d = (n + m + 1) / 2;
  const int offset = max_d;
  const int len = 2 * max_d + 2;
  v1.assign(static_cast<size_t>(len), -1);
  v2.assign(static_cast<size_t>(len), -1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const int delta = n - m;
  const bool front = delta % 2 != 0;  // paths overlap on a forward step when delta is odd
  int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  for (int d = 0; d < max_d; ++d) {
    for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const int k1o = offset + k1;
      int x1 = (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1])) ? v1[k1o + 1] : v1[k1o - 1] + 1;
      int y1 = x1 - k1;
      while (x1 < n && y1 < m && a[x1] == b[y1]) ++x1, ++y1;
      v1[k1o] = x1;
      if (x1 > n) {
        k1end += 2;
      } else if (y1 > m) {
        k1start += 2;
      } else if (front) {
        const int k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < len && v2[k2o] != -1 && x1 >= n - v2[k2o]) {
          *sx = x1;
          *sy = y1;
          return true;
        }
      }
    }
    for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const int k2o = offset + k2;
      int x2 = (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1])) ? v2[k2o + 1] : v2[k2o - 1] + 1;
      int y2 = x2 - k2;
      while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) ++x2, ++y2;
      v2[k2o] = x2;
      if (x2 > n) {
        k2end += 2;
      } else if (y2 > m) {
        k2start += 2;
      } else if (!front) {
        const int k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < len && v1[k1o] != -1) {
          const int x1 = v1[k1o];
          const int y1 = offset + x1 - k1o;
          if (x1 >= n - x2) {
            *sx = x1;
            *sy = y1;
            return true;
          }
        }
      }
    }
  }
  return false;
}

// Interns strings as ids so sequences compare in O(1) per element.
class Interner {
 public:
  uint32_t id(std::string_view s) {
    auto [it, fresh] = ids_.emplace(s, static_cast<uint32_t>(ids_.size()));
    return it->second;
  }

 private:
  std::unordered_map<std::string_view, uint32_t> ids_;
};

// ---- numbers and words ----------------------------------------------------------------

// The text with every number replaced by one marker byte.
std::string mask_numbers(std::string_view s) {
  std::string out;
  size_t at = 0;
  for (const auto& t : find_numbers(s)) {
    out.append(s.substr(at, t.offset - at));
    out += '\x01';
    at = t.offset + t.text.size();
  }
  out.append(s.substr(at));
  return out;
}

// Words for inline highlighting: Latin words and numbers whole, spaces as runs, anything else
// one code point at a time.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t st = i;
    char c = s[i];
    if (is_alnum(c)) {
      while (i < s.size() &&
             (is_alnum(s[i]) || ((s[i] == '.' || s[i] == ',') && i + 1 < s.size() && is_digit(s[i + 1]) &&
                                  i > st && is_digit(s[i - 1]))))
        ++i;
      if (i < s.size() && s[i] == '%') ++i;
    } else if (c == ' ') {
      while (i < s.size() && s[i] == ' ') ++i;
    } else {
      utf8_next(s, i);
    }
    out.push_back(s.substr(st, i - st));
  }
  return out;
}

// Dice similarity of two texts over their words (numbers masked), 0..1.
double similarity(std::string_view a, std::string_view b) {
  std::string ma = mask_numbers(a), mb = mask_numbers(b);
  auto bag = [](const std::string& s) {
    std::vector<size_t> h;
    for (auto w : words(s))
      if (w != " ") h.push_back(std::hash<std::string_view>()(w));
    std::sort(h.begin(), h.end());
    return h;
  };
  auto ha = bag(ma), hb = bag(mb);
  if (ha.empty() && hb.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < ha.size() && j < hb.size()) {
    if (ha[i] == hb[j]) ++common, ++i, ++j;
    else if (ha[i] < hb[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(ha.size() + hb.size());
}

// One text segment of an inline diff: changed or not.
struct Segment {
  std::string_view text;
  bool changed = false;
};

// Word-level difference of two versions of a line: segments of the old and of the new text.
void inline_diff(std::string_view a, std::string_view b, std::vector<Segment>* sa, std::vector<Segment>* sb) {
  auto wa = words(a), wb = words(b);
  Interner in;
  std::vector<uint32_t> ia, ib;
  for (auto w : wa) ia.push_back(in.id(w));
  for (auto w : wb) ib.push_back(in.id(w));
  auto push = [](std::vector<Segment>* out, std::string_view w, bool changed) {
    if (!out->empty() && out->back().changed == changed &&
        out->back().text.data() + out->back().text.size() == w.data())
      out->back().text = std::string_view(out->back().text.data(), out->back().text.size() + w.size());
    else
      out->push_back({w, changed});
  };
  for (const auto& e : diff_sequences(ia, ib)) {
    if (e.op != DiffOp::kInsert) push(sa, wa[static_cast<size_t>(e.old_index)], e.op == DiffOp::kDelete);
    if (e.op != DiffOp::kDelete) push(sb, wb[static_cast<size_t>(e.new_index)], e.op == DiffOp::kInsert);
  }
}

// Indexes [begin, end) of the edit script's changed regions.
std::vector<std::pair<size_t, size_t>> change_regions(const std::vector<DiffEdit>& edits) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == DiffOp::kEqual) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < edits.size() && edits[i].op != DiffOp::kEqual) ++i;
    out.emplace_back(b, i);
  }
  return out;
}

// Pairs the leftover blocks between two anchors: by position when the counts match, else each old
// block with the most similar later new block (similarity at least 0.5).
void pair_gap(const std::vector<std::string>& a, const std::vector<std::string>& b, const std::vector<int>& ga,
              const std::vector<int>& gb, std::vector<std::pair<int, int>>* out) {
  if (ga.empty() || gb.empty()) return;
  if (ga.size() == gb.size()) {
    for (size_t k = 0; k < ga.size(); ++k) out->emplace_back(ga[k], gb[k]);
    return;
  }
  if (ga.size() * gb.size() > 40000) return;
  size_t next = 0;
  for (int oi : ga) {
    double best = 0.5;
    size_t at = gb.size();
    for (size_t k = next; k < gb.size(); ++k) {
      double s = similarity(a[static_cast<size_t>(oi)], b[static_cast<size_t>(gb[k])]);
      if (s >= best) {
        if (s > best || at == gb.size()) at = k;
        best = s;
      }
    }
    if (at < gb.size()) {
      out->emplace_back(oi, gb[at]);
      next = at + 1;
    }
  }
}

void add_number_changes(const TextBlock* ob, const TextBlock* nb, const std::string& page,
                        std::vector<NumberChange>* out) {
  std::vector<NumberToken> on = ob ? find_numbers(ob->text) : std::vector<NumberToken>();
  std::vector<NumberToken> nn = nb ? find_numbers(nb->text) : std::vector<NumberToken>();
  auto emit = [&](const NumberToken* o, const NumberToken* n) {
    NumberChange c;
    c.page = page;
    if (o) c.old_text = o->text;
    if (n) c.new_text = n->text;
    c.caption = nb && !nb->caption.empty() ? nb->caption : ob ? ob->caption : "";
    if (n) c.snippet = snippet_around(nb->text, n->offset, n->text.size());
    else c.snippet = snippet_around(ob->text, o->offset, o->text.size());
    out->push_back(std::move(c));
  };
  if (on.size() == nn.size()) {
    for (size_t k = 0; k < on.size(); ++k)
      if (on[k].text != nn[k].text) emit(&on[k], &nn[k]);
    return;
  }
  Interner in;
  std::vector<uint32_t> ia, ib;
  for (const auto& t : on) ia.push_back(in.id(t.text));
  for (const auto& t : nn) ib.push_back(in.id(t.text));
  auto edits = diff_sequences(ia, ib);
  for (auto [b, e] : change_regions(edits)) {
    std::vector<int> dels, ins;
    for (size_t k = b; k < e; ++k) {
      if (edits[k].op == DiffOp::kDelete) dels.push_back(edits[k].old_index);
      else ins.push_back(edits[k].new_index);
    }
    if (dels.size() == ins.size()) {
      for (size_t k = 0; k < dels.size(); ++k)
        emit(&on[static_cast<size_t>(dels[k])], &nn[static_cast<size_t>(ins[k])]);
    } else {
      for (int d : dels) emit(&on[static_cast<size_t>(d)], nullptr);
      for (int n : ins) emit(nullptr, &nn[static_cast<size_t>(n)]);
    }
  }
}

bool is_page(const std::string& p) {
  auto ends = [&](std::string_view suf) {
    return p.size() >= suf.size() && p.compare(p.size() - suf.size(), suf.size(), suf) == 0;
  };
  return ends(".html") || ends(".htm");
}

// The lang attribute of the <html> element, or "".
std::string html_lang(std::string_view html) {
  size_t at = html.find("<html");
  if (at == std::string_view::npos) return {};
  size_t end = html.find('>', at);
  size_t l = html.find("lang=\"", at);
  if (l == std::string_view::npos || l > end) return {};
  size_t e = html.find('"', l + 6);
  if (e == std::string_view::npos) return {};
  return std::string(html.substr(l + 6, e - l - 6));
}

const char* status_name(PageStatus s) {
  switch (s) {
    case PageStatus::kAdded: return "added";
    case PageStatus::kRemoved: return "removed";
    case PageStatus::kChanged: return "changed";
    case PageStatus::kMarkupOnly: return "markup only";
  }
  return "";
}

struct Counts {
  size_t added = 0, removed = 0, changed = 0, markup = 0;
  size_t num_changed = 0, num_added = 0, num_removed = 0;
};

Counts count(const SiteDiff& d) {
  Counts c;
  for (const auto& p : d.pages) {
    if (p.status == PageStatus::kAdded) ++c.added;
    else if (p.status == PageStatus::kRemoved) ++c.removed;
    else if (p.status == PageStatus::kChanged) ++c.changed;
    else ++c.markup;
  }
  for (const auto& n : d.numbers) {
    if (n.old_text.empty()) ++c.num_added;
    else if (n.new_text.empty()) ++c.num_removed;
    else ++c.num_changed;
  }
  return c;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string summary_line(const SiteDiff& d) {
  Counts c = count(d);
  size_t total = d.pages.size() + d.unchanged;
  if (d.identical()) return "No differences (" + plural(total, "page", "pages") + " compared).";
  std::string s = plural(d.pages.size(), "page differs", "pages differ") + ": " + std::to_string(c.added) +
                  " added, " + std::to_string(c.removed) + " removed, " + std::to_string(c.changed) +
                  " changed, " + std::to_string(c.markup) + " markup only; " + std::to_string(d.unchanged) +
                  " unchanged.";
  size_t other = d.other_added.size() + d.other_removed.size() + d.other_changed.size();
  if (other) s += " " + plural(other, "other file differs.", "other files differ.");
  return s;
}

std::string number_cell(const std::string& s) { return s.empty() ? "(none)" : s; }

std::string number_where(const NumberChange& n) {
  if (n.caption.empty() || n.caption == n.snippet) return n.snippet;
  return n.caption + " — " + n.snippet;
}

// The edit's line: text of the old block for equal/delete, of the new block for insert.
const std::string& edit_text(const PageDiff& p, const DiffEdit& e) {
  return e.op == DiffOp::kInsert ? p.new_blocks[static_cast<size_t>(e.new_index)].text
                                 : p.old_blocks[static_cast<size_t>(e.old_index)].text;
}

// old index -> new index and back, for the inline highlighting of paired blocks.
void pair_maps(const PageDiff& p, std::unordered_map<int, int>* o2n, std::unordered_map<int, int>* n2o) {
  std::vector<std::string> a, b;
  for (const auto& x : p.old_blocks) a.push_back(x.text);
  for (const auto& x : p.new_blocks) b.push_back(x.text);
  for (auto [o, n] : pair_changed_blocks(a, b, p.edits)) {
    (*o2n)[o] = n;
    (*n2o)[n] = o;
  }
}

}  // namespace

// ---- public: extraction -------------------------------------------------------------------

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(s.substr(i, amp - i));
    i = amp;
    size_t semi = s.find(';', amp + 1);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out += '&';
      ++i;
      continue;
    }
    std::string_view name = s.substr(amp + 1, semi - amp - 1);
    bool done = false;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      char32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 7;
      for (char c : digits) {
        if (!ok) break;
        int v = is_digit(c) ? c - '0' : (hex && lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10 : -1;
        if (v < 0) ok = false;
        else cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      }
      if (ok && cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        utf8_append(cp, out);
        done = true;
      }
    } else {
      for (const auto& e : kEntities) {
        if (name == e.name) {
          utf8_append(e.cp, out);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += '&';
      ++i;
    }
  }
  out.append(s.substr(i));
  return out;
}

std::vector<TextBlock> extract_text_blocks(std::string_view html) { return Extractor().run(html); }

std::vector<std::string> extract_text_lines(std::string_view html) {
  std::vector<std::string> out;
  for (auto& b : extract_text_blocks(html)) out.push_back(std::move(b.text));
  return out;
}

// ---- public: diff -------------------------------------------------------------------------

std::vector<DiffEdit> diff_sequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  std::vector<char> ca(a.size(), 0), cb(b.size(), 0);  // changed flags
  std::vector<int> v1, v2;
  struct Range {
    int a0, a1, b0, b1;
  };
  std::vector<Range> work{{0, n, 0, m}};
  while (!work.empty()) {
    Range r = work.back();
    work.pop_back();
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a0] == b[r.b0]) ++r.a0, ++r.b0;
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a1 - 1] == b[r.b1 - 1]) --r.a1, --r.b1;
    if (r.a0 == r.a1 || r.b0 == r.b1) {
      std::fill(ca.begin() + r.a0, ca.begin() + r.a1, 1);
      std::fill(cb.begin() + r.b0, cb.begin() + r.b1, 1);
      continue;
    }
    int x = 0, y = 0;
    const int rn = r.a1 - r.a0, rm = r.b1 - r.b0;
    if (!bisect(a.data() + r.a0, rn, b.data() + r.b0, rm, v1, v2, &x, &y) || (x == 0 && y == 0) ||
        (x == rn && y == rm)) {
      std::fill(ca.begin() + r.a0, ca.begin() + r.a1, 1);
      std::fill(cb.begin() + r.b0, cb.begin() + r.b1, 1);
      continue;
    }
    work.push_back({r.a0 + x, r.a1, r.b0 + y, r.b1});
    work.push_back({r.a0, r.a0 + x, r.b0, r.b0 + y});
  }
  std::vector<DiffEdit> out;
  out.reserve(a.size() + b.size());
  int i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && !ca[i] && !cb[j]) {
      out.push_back({DiffOp::kEqual, i++, j++});
      continue;
    }
    bool moved = false;
    while (i < n && (ca[i] || j >= m)) out.push_back({DiffOp::kDelete, i++, -1}), moved = true;
    while (j < m && (cb[j] || i >= n)) out.push_back({DiffOp::kInsert, -1, j++}), moved = true;
    if (!moved) out.push_back({DiffOp::kDelete, i++, -1});  // unreachable with consistent flags
  }
  return out;
}

std::vector<DiffEdit> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  Interner in;
  std::vector<uint32_t> ia, ib;
  ia.reserve(a.size());
  ib.reserve(b.size());
  for (const auto& s : a) ia.push_back(in.id(s));
  for (const auto& s : b) ib.push_back(in.id(s));
  return diff_sequences(ia, ib);
}

std::vector<DiffHunk> diff_hunks(const std::vector<DiffEdit>& edits, int context) {
  std::vector<DiffHunk> hunks;
  const size_t c = static_cast<size_t>(std::max(context, 0));
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == DiffOp::kEqual) {
      ++i;
      continue;
    }
    DiffHunk h;
    h.begin = i >= c ? i - c : 0;
    size_t end = i;  // one past the last change so far
    while (end < edits.size()) {
      while (end < edits.size() && edits[end].op != DiffOp::kEqual) ++end;
      size_t next = end;
      while (next < edits.size() && edits[next].op == DiffOp::kEqual) ++next;
      if (next < edits.size() && next - end <= 2 * c) end = next;
      else break;
    }
    h.end = std::min(edits.size(), end + c);
    // Line numbers: count the lines before the hunk.
    int old_before = 0, new_before = 0;
    for (size_t k = 0; k < h.begin; ++k) {
      if (edits[k].op != DiffOp::kInsert) ++old_before;
      if (edits[k].op != DiffOp::kDelete) ++new_before;
    }
    for (size_t k = h.begin; k < h.end; ++k) {
      if (edits[k].op != DiffOp::kInsert) ++h.old_count;
      if (edits[k].op != DiffOp::kDelete) ++h.new_count;
    }
    h.old_start = old_before + (h.old_count ? 1 : 0);
    h.new_start = new_before + (h.new_count ? 1 : 0);
    hunks.push_back(h);
    i = h.end;
  }
  return hunks;
}

namespace {
std::string hunk_header(const DiffHunk& h) {
  return "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) + " +" +
         std::to_string(h.new_start) + "," + std::to_string(h.new_count) + " @@";
}
}  // namespace

std::string format_line_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                             const std::vector<DiffEdit>& edits, int context) {
  std::string out;
  for (const auto& h : diff_hunks(edits, context)) {
    out += hunk_header(h) + "\n";
    for (size_t k = h.begin; k < h.end; ++k) {
      const auto& e = edits[k];
      if (e.op == DiffOp::kEqual) out += "  " + a[static_cast<size_t>(e.old_index)] + "\n";
      else if (e.op == DiffOp::kDelete) out += "- " + a[static_cast<size_t>(e.old_index)] + "\n";
      else out += "+ " + b[static_cast<size_t>(e.new_index)] + "\n";
    }
  }
  return out;
}

// ---- public: numbers ------------------------------------------------------------------------

std::vector<NumberToken> find_numbers(std::string_view s) {
  std::vector<NumberToken> out;
  const size_t n = s.size();
  size_t i = 0;
  auto skip_word = [&](size_t k) {
    while (k < n && (is_alnum(s[k]) || s[k] == '_' || (s[k] == '.' && k + 1 < n && is_alnum(s[k + 1])))) ++k;
    return k;
  };
  while (i < n) {
    size_t start = i, j = i;
    if ((s[j] == '-' || s[j] == '+') && j + 1 < n && is_digit(s[j + 1])) {
      j += 1;
    } else if (s.compare(j, 3, "\xE2\x88\x92") == 0 && j + 3 < n && is_digit(s[j + 3])) {
      j += 3;  // U+2212 minus sign
    } else if (!is_digit(s[j])) {
      ++i;
      continue;
    }
    if (j > start) {
      // A sign right after a letter, digit or '.' is a hyphen: the number starts at the digit.
      char prev = start > 0 ? s[start - 1] : ' ';
      if (is_alnum(prev) || prev == '.' || prev == '_') start = j;
    }
    char prev = start > 0 ? s[start - 1] : ' ';
    if (is_alpha(prev) || prev == '_') {  // "H5", "CO2": part of a word
      i = skip_word(j);
      continue;
    }
    size_t k = j;
    while (k < n && is_digit(s[k])) ++k;
    if (k - j <= 3) {
      while (k + 3 < n + 0 && s[k] == ',' && is_digit(s[k + 1]) && is_digit(s[k + 2]) && is_digit(s[k + 3]) &&
             (k + 4 >= n || !is_digit(s[k + 4])))
        k += 4;
    }
    if (k + 1 < n && s[k] == '.' && is_digit(s[k + 1])) {
      ++k;
      while (k < n && is_digit(s[k])) ++k;
    }
    if (k < n && (is_alpha(s[k]) || s[k] == '_' || (s[k] == '.' && k + 1 < n && is_digit(s[k + 1])))) {
      i = skip_word(k);  // "5G", "1.2.3": not a number
      continue;
    }
    if (k < n && s[k] == '%') ++k;
    out.push_back({std::string(s.substr(start, k - start)), start});
    i = k;
  }
  return out;
}

std::string snippet_around(std::string_view text, size_t offset, size_t len, size_t width) {
  std::vector<size_t> starts;  // byte offset of every code point
  for (size_t i = 0; i < text.size();) {
    starts.push_back(i);
    utf8_next(text, i);
  }
  if (starts.size() <= width) return std::string(text);
  size_t first = static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), offset) - starts.begin());
  size_t last = static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), offset + len) - starts.begin());
  size_t inner = last - first;
  size_t side = inner >= width ? 0 : (width - inner) / 2;
  size_t from = first > side ? first - side : 0;
  size_t to = std::min(starts.size(), last + side + (first > side ? 0 : side - first));
  if (to == starts.size() && to - from < width) from = to > width ? to - width : 0;
  size_t b = starts[from];
  size_t e = to < starts.size() ? starts[to] : text.size();
  std::string out;
  if (from > 0) out += "…";
  out += std::string(trim(text.substr(b, e - b)));
  if (to < starts.size()) out += "…";
  return out;
}

std::vector<std::pair<int, int>> pair_changed_blocks(const std::vector<std::string>& a,
                                                     const std::vector<std::string>& b,
                                                     const std::vector<DiffEdit>& edits) {
  std::vector<std::pair<int, int>> out;
  for (auto [rb, re] : change_regions(edits)) {
    std::vector<int> dels, ins;
    for (size_t k = rb; k < re; ++k) {
      if (edits[k].op == DiffOp::kDelete) dels.push_back(edits[k].old_index);
      else ins.push_back(edits[k].new_index);
    }
    if (dels.empty() || ins.empty()) continue;
    // Anchors: blocks whose text is the same apart from the numbers.
    std::vector<std::string> ma, mb;
    for (int d : dels) ma.push_back(mask_numbers(a[static_cast<size_t>(d)]));
    for (int n : ins) mb.push_back(mask_numbers(b[static_cast<size_t>(n)]));
    std::vector<int> ga, gb;
    for (const auto& e : diff_lines(ma, mb)) {
      if (e.op == DiffOp::kDelete) {
        ga.push_back(dels[static_cast<size_t>(e.old_index)]);
      } else if (e.op == DiffOp::kInsert) {
        gb.push_back(ins[static_cast<size_t>(e.new_index)]);
      } else {
        pair_gap(a, b, ga, gb, &out);
        ga.clear();
        gb.clear();
        out.emplace_back(dels[static_cast<size_t>(e.old_index)], ins[static_cast<size_t>(e.new_index)]);
      }
    }
    pair_gap(a, b, ga, gb, &out);
  }
  return out;
}

std::vector<NumberChange> pair_numbers(const std::vector<TextBlock>& a, const std::vector<TextBlock>& b,
                                       const std::vector<DiffEdit>& edits, const std::string& page) {
  std::vector<std::string> ta, tb;
  for (const auto& x : a) ta.push_back(x.text);
  for (const auto& x : b) tb.push_back(x.text);
  std::unordered_map<int, int> o2n;
  std::set<int> paired_new;
  for (auto [o, n] : pair_changed_blocks(ta, tb, edits)) {
    o2n[o] = n;
    paired_new.insert(n);
  }
  std::vector<NumberChange> out;
  for (const auto& e : edits) {
    if (e.op == DiffOp::kDelete) {
      const TextBlock& ob = a[static_cast<size_t>(e.old_index)];
      auto it = o2n.find(e.old_index);
      const TextBlock* nb = it == o2n.end() ? nullptr : &b[static_cast<size_t>(it->second)];
      if (ob.in_svg || (nb && nb->in_svg)) continue;
      add_number_changes(&ob, nb, page, &out);
    } else if (e.op == DiffOp::kInsert && !paired_new.count(e.new_index)) {
      const TextBlock& nb = b[static_cast<size_t>(e.new_index)];
      if (!nb.in_svg) add_number_changes(nullptr, &nb, page, &out);
    }
  }
  return out;
}

// ---- public: sites --------------------------------------------------------------------------

bool diff_ignores(const std::string& rel) {
  return rel.rfind("assets/", 0) == 0 || rel == "search-index.js" || rel == ".annalist-site";
}

SiteDiff diff_sites(const FileSystem& fs, const std::string& old_dir, const std::string& new_dir) {
  SiteDiff d;
  auto listing = [&](const std::string& dir) {
    std::vector<std::string> out;
    for (auto& p : fs.list_files(dir))
      if (!diff_ignores(p)) out.push_back(std::move(p));
    return out;
  };
  std::vector<std::string> olds = listing(old_dir), news = listing(new_dir);
  std::set<std::string> all(olds.begin(), olds.end());
  all.insert(news.begin(), news.end());
  std::set<std::string> in_old(olds.begin(), olds.end()), in_new(news.begin(), news.end());
  for (const auto& p : all) {
    bool o = in_old.count(p) > 0, n = in_new.count(p) > 0;
    bool page = is_page(p);
    if (!o || !n) {
      if (page) d.pages.push_back({p, o ? PageStatus::kRemoved : PageStatus::kAdded, {}, {}, {}});
      else (o ? d.other_removed : d.other_added).push_back(p);
      continue;
    }
    auto ob = fs.read(path_join(old_dir, p));
    auto nb = fs.read(path_join(new_dir, p));
    std::string os = ob ? *ob : std::string(), ns = nb ? *nb : std::string();
    if (page && (p == "index.html" || d.lang.empty())) {
      std::string lang = html_lang(ns);
      if (!lang.empty()) d.lang = lang;
    }
    if (os == ns) {
      if (page) ++d.unchanged;
      continue;
    }
    if (!page) {
      d.other_changed.push_back(p);
      continue;
    }
    PageDiff pd;
    pd.path = p;
    pd.old_blocks = extract_text_blocks(os);
    pd.new_blocks = extract_text_blocks(ns);
    std::vector<std::string> ta, tb;
    for (const auto& x : pd.old_blocks) ta.push_back(x.text);
    for (const auto& x : pd.new_blocks) tb.push_back(x.text);
    if (ta == tb) {
      pd.status = PageStatus::kMarkupOnly;
      pd.old_blocks.clear();
      pd.new_blocks.clear();
    } else {
      pd.status = PageStatus::kChanged;
      pd.edits = diff_lines(ta, tb);
      auto nums = pair_numbers(pd.old_blocks, pd.new_blocks, pd.edits, p);
      d.numbers.insert(d.numbers.end(), std::make_move_iterator(nums.begin()), std::make_move_iterator(nums.end()));
    }
    d.pages.push_back(std::move(pd));
  }
  return d;
}

// ---- public: reports ------------------------------------------------------------------------

namespace {

constexpr int kContext = 2;

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
};

}  // namespace

std::string format_diff_text(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir,
                             bool colour, bool details) {
  Style st{colour};
  std::string out = st("1", "annalist diff: " + old_dir + " → " + new_dir) + "\n" + summary_line(d) + "\n";
  if (d.identical()) return out;
  if (!d.pages.empty()) out += "\n";
  for (PageStatus s : {PageStatus::kAdded, PageStatus::kRemoved, PageStatus::kChanged, PageStatus::kMarkupOnly}) {
    const char* code = s == PageStatus::kAdded ? "32" : s == PageStatus::kRemoved ? "31" : s == PageStatus::kChanged ? "33" : "2";
    for (const auto& p : d.pages) {
      if (p.status != s) continue;
      std::string name = status_name(s);
      name.resize(12, ' ');
      out += "  " + st(code, name) + p.path + "\n";
    }
  }
  auto list = [&](const char* what, const std::vector<std::string>& files) {
    if (files.empty()) return;
    out += std::string("  other files ") + what + ":";
    for (const auto& f : files) out += " " + f;
    out += "\n";
  };
  list("added", d.other_added);
  list("removed", d.other_removed);
  list("changed", d.other_changed);

  Counts c = count(d);
  if (!d.numbers.empty()) {
    out += "\n" + st("1", "Numbers: " + std::to_string(c.num_changed) + " changed, " + std::to_string(c.num_added) +
                              " added, " + std::to_string(c.num_removed) + " removed") + "\n";
    if (details) {
      size_t w = 0;
      for (const auto& n : d.numbers)
        w = std::max(w, number_cell(n.old_text).size() + 3 + number_cell(n.new_text).size());
      std::string page;
      for (const auto& n : d.numbers) {
        if (n.page != page) {
          page = n.page;
          out += "  " + page + "\n";
        }
        std::string cell = number_cell(n.old_text) + " → " + number_cell(n.new_text);
        size_t pad = w + 2 - (cell.size() - 2);  // "→" is 3 bytes, 1 column
        std::string shown = n.old_text.empty() ? st("32", cell)
                            : n.new_text.empty() ? st("31", cell)
                                                 : st("31", n.old_text) + " → " + st("32", n.new_text);
        out += "    " + shown + std::string(pad, ' ') + st("2", number_where(n)) + "\n";
      }
    }
  }
  if (!details) return out;

  for (const auto& p : d.pages) {
    if (p.status != PageStatus::kChanged) continue;
    out += "\n" + st("1", "── " + p.path + " ──") + "\n";
    std::unordered_map<int, int> o2n, n2o;
    if (colour) pair_maps(p, &o2n, &n2o);
    for (const auto& h : diff_hunks(p.edits, kContext)) {
      out += st("36", hunk_header(h)) + "\n";
      for (size_t k = h.begin; k < h.end; ++k) {
        const auto& e = p.edits[k];
        const std::string& text = edit_text(p, e);
        if (e.op == DiffOp::kEqual) {
          out += "  " + text + "\n";
          continue;
        }
        bool del = e.op == DiffOp::kDelete;
        const char* code = del ? "31" : "32";
        std::string line = del ? "- " : "+ ";
        auto other = del ? o2n.find(e.old_index) : n2o.find(e.new_index);
        if (colour && other != (del ? o2n.end() : n2o.end())) {
          std::vector<Segment> so, sn;
          const std::string& ot = del ? text : p.old_blocks[static_cast<size_t>(other->second)].text;
          const std::string& nt = del ? p.new_blocks[static_cast<size_t>(other->second)].text : text;
          inline_diff(ot, nt, &so, &sn);
          std::string body;
          for (const auto& s : del ? so : sn)
            body += s.changed ? "\033[7m" + std::string(s.text) + "\033[27m" : std::string(s.text);
          out += st(code, line + body) + "\n";
        } else {
          out += st(code, line + text) + "\n";
        }
      }
    }
  }
  return out;
}

std::string format_diff_html(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir) {
  Counts c = count(d);
  std::string lang_attr = d.lang.empty() ? "" : " lang=\"" + html_escape(d.lang) + "\"";
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"annalist diff\">\n";
  h += "<title>Site diff: " + html_escape(old_dir) + " → " + html_escape(new_dir) + "</title>\n";
  h += R"(<style>
:root { color-scheme: light dark; --del: #ffebe9; --del-strong: #ffc1bc; --ins: #e6ffec; --ins-strong: #abf2bc;
  --muted: #57606a; --line: #d0d7de; --hunk: #ddf4ff; }
@media (prefers-color-scheme: dark) { :root { --del: #3d1d20; --del-strong: #7d2a2f; --ins: #1b3a26;
  --ins-strong: #2b6a3c; --muted: #9aa4ae; --line: #3d444d; --hunk: #17324d; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
.dirs, .muted, .where { color: var(--muted); }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.pages th:first-child { width: 8rem; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.st { font-weight: 600; white-space: nowrap; } .st-added { color: #1a7f37; } .st-removed { color: #cf222e; }
.st-changed { color: #9a6700; } .st-markup { color: var(--muted); }
.old { background: var(--del); } .new { background: var(--ins); }
.diff { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; margin: .6rem 0 1rem; }
.hh { background: var(--hunk); color: var(--muted); padding: .15rem .6rem; font-family: ui-monospace, monospace;
  font-size: .85em; }
.l { display: flex; white-space: pre-wrap; overflow-wrap: anywhere; padding: .1rem .6rem; }
.l .m { flex: 0 0 1.4em; color: var(--muted); user-select: none; }
.l.del { background: var(--del); } .l.ins { background: var(--ins); }
.l del { background: var(--del-strong); text-decoration: none; } .l ins { background: var(--ins-strong); text-decoration: none; }
</style>
</head>
<body>
)";
  h += "<header>\n<h1>Site diff</h1>\n<p class=\"dirs\"><span class=\"path\">" + html_escape(old_dir) +
       "</span> → <span class=\"path\">" + html_escape(new_dir) + "</span></p>\n";
  h += "<p class=\"summary\">" + html_escape(summary_line(d)) + "</p>\n</header>\n<main>\n";
  if (d.identical()) return h + "</main>\n</body>\n</html>\n";

  // Page list.
  std::map<const PageDiff*, std::string> anchors;
  int n = 0;
  for (const auto& p : d.pages)
    if (p.status == PageStatus::kChanged) anchors[&p] = "page-" + std::to_string(++n);
  if (!d.pages.empty()) {
    h += "<section id=\"pages\">\n<h2>Pages</h2>\n<table class=\"pages\">\n<thead>\n<tr><th scope=\"col\">Status</th>"
         "<th scope=\"col\">Page</th></tr>\n</thead>\n<tbody>\n";
    for (PageStatus s : {PageStatus::kAdded, PageStatus::kRemoved, PageStatus::kChanged, PageStatus::kMarkupOnly}) {
      for (const auto& p : d.pages) {
        if (p.status != s) continue;
        std::string cls = s == PageStatus::kMarkupOnly ? "markup" : status_name(s);
        h += "<tr><td class=\"st st-" + cls + "\">" + status_name(s) + "</td><td class=\"path\">";
        auto a = anchors.find(&p);
        if (a != anchors.end()) h += "<a href=\"#" + a->second + "\">" + html_escape(p.path) + "</a>";
        else h += html_escape(p.path);
        h += "</td></tr>\n";
      }
    }
    h += "</tbody>\n</table>\n";
    h += "<p class=\"muted\">" + html_escape(plural(d.unchanged, "page", "pages")) +
         " unchanged. Pages are compared by their visible text; “markup only” pages differ in HTML but not "
         "in text. assets/ and search-index.js are not compared.</p>\n</section>\n";
  }
  size_t other = d.other_added.size() + d.other_removed.size() + d.other_changed.size();
  if (other) {
    h += "<section id=\"other-files\">\n<h2>Other files</h2>\n<ul>\n";
    auto list = [&](const char* what, const std::vector<std::string>& files) {
      for (const auto& f : files)
        h += "<li><span class=\"st\">" + std::string(what) + "</span> <span class=\"path\">" + html_escape(f) +
             "</span></li>\n";
    };
    list("added", d.other_added);
    list("removed", d.other_removed);
    list("changed", d.other_changed);
    h += "</ul>\n</section>\n";
  }
  if (!d.numbers.empty()) {
    h += "<section id=\"numbers\">\n<h2>Numbers</h2>\n<p>" + std::to_string(c.num_changed) + " changed, " +
         std::to_string(c.num_added) + " added, " + std::to_string(c.num_removed) + " removed.</p>\n";
    h += "<table class=\"numbers\">\n<thead>\n<tr><th scope=\"col\">Page</th><th scope=\"col\">Old</th>"
         "<th scope=\"col\">New</th><th scope=\"col\">Where</th></tr>\n</thead>\n<tbody>\n";
    for (const auto& num : d.numbers) {
      h += "<tr><td class=\"path\">" + html_escape(num.page) + "</td>";
      h += "<td class=\"num" + std::string(num.old_text.empty() ? "" : " old") + "\">" +
           html_escape(num.old_text.empty() ? "—" : num.old_text) + "</td>";
      h += "<td class=\"num" + std::string(num.new_text.empty() ? "" : " new") + "\">" +
           html_escape(num.new_text.empty() ? "—" : num.new_text) + "</td>";
      h += "<td" + lang_attr + ">";
      if (!num.caption.empty() && num.caption != num.snippet)
        h += "<strong>" + html_escape(num.caption) + "</strong><br>";
      h += "<span class=\"where\">" + html_escape(num.snippet) + "</span></td></tr>\n";
    }
    h += "</tbody>\n</table>\n</section>\n";
  }
  for (const auto& p : d.pages) {
    if (p.status != PageStatus::kChanged) continue;
    h += "<section class=\"page\" id=\"" + anchors[&p] + "\">\n<h2 class=\"path\">" + html_escape(p.path) + "</h2>\n";
    std::unordered_map<int, int> o2n, n2o;
    pair_maps(p, &o2n, &n2o);
    for (const auto& hk : diff_hunks(p.edits, kContext)) {
      h += "<div class=\"diff\"" + lang_attr + ">\n<div class=\"hh\">" + html_escape(hunk_header(hk)) + "</div>\n";
      for (size_t k = hk.begin; k < hk.end; ++k) {
        const auto& e = p.edits[k];
        const std::string& text = edit_text(p, e);
        if (e.op == DiffOp::kEqual) {
          h += "<div class=\"l\"><span class=\"m\"> </span><span>" + html_escape(text) + "</span></div>\n";
          continue;
        }
        bool del = e.op == DiffOp::kDelete;
        h += del ? "<div class=\"l del\"><span class=\"m\">-</span><span>"
                 : "<div class=\"l ins\"><span class=\"m\">+</span><span>";
        auto other = del ? o2n.find(e.old_index) : n2o.find(e.new_index);
        if (other != (del ? o2n.end() : n2o.end())) {
          std::vector<Segment> so, sn;
          const std::string& ot = del ? text : p.old_blocks[static_cast<size_t>(other->second)].text;
          const std::string& nt = del ? p.new_blocks[static_cast<size_t>(other->second)].text : text;
          inline_diff(ot, nt, &so, &sn);
          for (const auto& s : del ? so : sn) {
            if (!s.changed) h += html_escape(s.text);
            else h += std::string(del ? "<del>" : "<ins>") + html_escape(s.text) + (del ? "</del>" : "</ins>");
          }
        } else {
          h += html_escape(text);
        }
        h += "</span></div>\n";
      }
      h += "</div>\n";
    }
    h += "</section>\n";
  }
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace annalist
