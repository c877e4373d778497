#include "visible_text.h"

#include <functional>
#include <set>

#include "text.h"

namespace annalist {

namespace {

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
    if (j >= html.size() || !is_ascii_alpha(html[j])) {  // a lone '<' is text
      if (svg_depth_ == 0 || svg_keep_ > 0) buf_ += '<';
      return i + 1;
    }
    std::string name;
    while (j < html.size() && (is_ascii_alnum(html[j]) || html[j] == '-' || html[j] == ':'))
      name += ascii_lower(html[j++]);
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
        for (size_t q = 0; q < end.size() && match; ++q) match = ascii_lower(html[p + q]) == end[q];
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

}  // namespace

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
        char l = ascii_lower(c);
        int v = is_ascii_digit(c) ? c - '0' : (hex && l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
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

std::vector<std::string> block_texts(const std::vector<TextBlock>& blocks) {
  std::vector<std::string> out;
  out.reserve(blocks.size());
  for (const auto& b : blocks) out.push_back(b.text);
  return out;
}

std::vector<std::string> extract_text_lines(std::string_view html) {
  std::vector<std::string> out;
  for (auto& b : extract_text_blocks(html)) out.push_back(std::move(b.text));
  return out;
}

}  // namespace annalist
