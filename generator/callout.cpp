#include "callout.h"

#include <cmark-gfm.h>

#include <string_view>
#include <vector>

#include "markdown.h"
#include "text.h"

namespace annalist {

namespace {

constexpr int kKinds = sizeof(kCalloutKinds) / sizeof(kCalloutKinds[0]);

// The index of a kind (any case), or -1.
int kind_index(std::string_view word) {
  std::string lower;
  for (char c : word) lower += ascii_lower(c);
  for (int i = 0; i < kKinds; ++i)
    if (lower == kCalloutKinds[i]) return i;
  return -1;
}

std::string_view lit(cmark_node* text) { return trim(node_literal(text)); }

// A fence line: three or more ':' and what follows them (trimmed; "" for a closing fence).
bool fence_line(std::string_view line, std::string_view* rest) {
  size_t colons = line.find_first_not_of(':');
  if (colons == std::string_view::npos) colons = line.size();
  if (colons < 3) return false;
  *rest = trim(line.substr(colons));
  return true;
}

bool is_open(cmark_node* text) {
  std::string_view rest;
  return text && fence_line(lit(text), &rest) && !rest.empty();
}

bool is_close(cmark_node* text) {
  std::string_view rest;
  return text && fence_line(lit(text), &rest) && rest.empty();
}

// What an opening fence says: `note`, `{.callout-note title="…"}` or `{.note}`.
struct FenceSpec {
  std::string kind, title;
};

FenceSpec parse_spec(std::string_view spec) {
  FenceSpec s;
  if (spec.front() != '{') {
    s.kind = std::string(spec.substr(0, spec.find(' ')));
    return s;
  }
  spec = spec.substr(1, spec.back() == '}' ? spec.size() - 2 : spec.size() - 1);
  size_t dot = spec.find('.');
  if (dot != std::string_view::npos) {
    std::string_view cls = spec.substr(dot + 1);
    cls = cls.substr(0, cls.find_first_of(" \t"));
    if (cls.substr(0, 8) == "callout-") cls = cls.substr(8);
    s.kind = std::string(cls);
  }
  size_t t = spec.find("title=");
  if (t != std::string_view::npos) {
    std::string_view v = spec.substr(t + 6);
    // A straight quote, or the curly one smart punctuation made of it.
    std::string_view close = v.substr(0, 1) == "\"" ? "\"" : v.substr(0, 3) == "\u201c" ? "\u201d" : "";
    if (!close.empty()) {
      v = v.substr(close == "\"" ? 1 : 3);
      s.title = std::string(v.substr(0, v.find(close)));
    }
  }
  return s;
}

class Callouts {
 public:
  Callouts(const UiStrings& ui, const std::string& file, int first_line, Diagnostics& diags)
      : ui_(ui), file_(file), first_line_(first_line), diags_(diags) {}
  void container(cmark_node* parent, int depth);

 private:
  SourcePos pos_of(cmark_node* n) const { return node_source_pos(n, file_, first_line_); }
  int known_kind(const std::string& kind, cmark_node* at);
  std::string enter_html(int kind, const std::string& title) const;
  cmark_node* block(int kind, const std::string& title) const;
  cmark_node* alert(cmark_node* quote);
  cmark_node* fence(cmark_node* para);
  cmark_node* find_close(cmark_node* para, cmark_node** close_para);

  const UiStrings& ui_;
  const std::string& file_;
  int first_line_;
  Diagnostics& diags_;
};

int Callouts::known_kind(const std::string& kind, cmark_node* at) {
  int k = kind_index(kind);
  if (k >= 0) return k;
  std::vector<std::string> kinds(std::begin(kCalloutKinds), std::end(kCalloutKinds));
  std::string lower;
  for (char c : kind) lower += ascii_lower(c);
  std::string hint = did_you_mean(lower, kinds);
  for (const std::string& k : kinds)  // [!WARN]: a kind cut short
    if (hint.empty() && lower.size() >= 3 && k.compare(0, lower.size(), lower) == 0) hint = "did you mean '" + k + "'?";
  diags_.warning(pos_of(at), "unknown callout kind '" + kind + "'",
                 (hint.empty() ? std::string() : hint + " ") + "callouts are note, tip, important, warning and caution");
  return -1;
}

constexpr std::string_view kDivOpen = "<div class=\"alert alert-";
constexpr std::string_view kTitleOpen = "\" role=\"note\">\n<p class=\"alert-title\">";

std::string Callouts::enter_html(int kind, const std::string& title) const {
  std::string enter(kDivOpen);
  enter += kCalloutKinds[kind];
  enter += kTitleOpen;
  const std::string& ui_title = ui_.alert_titles[static_cast<size_t>(kind)];
  html_escape(!title.empty() ? title : !ui_title.empty() ? ui_title : kCalloutKinds[kind], enter);
  enter += "</p>\n";
  return enter;
}

cmark_node* Callouts::block(int kind, const std::string& title) const {
  return new_custom_block(enter_html(kind, title), "</div>\n");
}

// A quote whose first line is [!KIND]: the callout that takes its place, or null.
cmark_node* Callouts::alert(cmark_node* quote) {
  cmark_node* para = cmark_node_first_child(quote);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return nullptr;
  cmark_node* marker = first_line_text(para);
  if (!marker) return nullptr;
  std::string_view m = lit(marker);
  if (m.size() < 4 || m.substr(0, 2) != "[!" || m.back() != ']') return nullptr;
  std::string_view word = m.substr(2, m.size() - 3);
  for (char c : word)
    if (!is_ascii_alpha(c)) return nullptr;
  int kind = known_kind(std::string(word), marker);
  if (kind < 0) return nullptr;
  remove_first_line(para);
  cmark_node* div = block(kind, "");
  cmark_node_insert_before(quote, div);
  if (cmark_node_first_child(quote)) move_siblings(cmark_node_first_child(quote), cmark_node_last_child(quote), div);
  cmark_node_free(quote);
  return div;
}

// The paragraph holding the last line of a list or quote (a ':::' right after one continues it).
cmark_node* last_paragraph(cmark_node* n) {
  for (int depth = 0; n && depth < kMaxNesting; ++depth) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_PARAGRAPH) return n;
    if (t != CMARK_NODE_LIST && t != CMARK_NODE_ITEM && t != CMARK_NODE_BLOCK_QUOTE) return nullptr;
    n = cmark_node_last_child(n);
  }
  return nullptr;
}

// The last sibling of the callout that opens para (para itself when it closes there too) and
// the paragraph whose last line closes it; null when it is not closed.
cmark_node* Callouts::find_close(cmark_node* para, cmark_node** close_para) {
  cmark_node* last = last_line_text(para);
  if (last && last != first_line_text(para) && is_close(last)) return *close_para = para;
  int depth = 1;
  for (cmark_node* s = cmark_node_next(para); s; s = cmark_node_next(s)) {
    cmark_node* p = last_paragraph(s);
    if (!p) continue;
    cmark_node* first = p == s ? first_line_text(p) : nullptr;
    cmark_node* end = last_line_text(p);
    if (first && is_open(first)) ++depth;
    if (end && (end != first || !is_open(first)) && is_close(end) && --depth == 0) {
      *close_para = p;
      return s;
    }
  }
  return nullptr;
}

// A paragraph whose first line is '::: kind': the callout it opens, or null.
cmark_node* Callouts::fence(cmark_node* para) {
  cmark_node* open = first_line_text(para);
  if (!is_open(open)) return nullptr;
  cmark_node* close_para = nullptr;
  cmark_node* end = find_close(para, &close_para);
  if (!end) {
    diags_.warning(pos_of(open), "callout '" + std::string(lit(open)) + "' is not closed",
                   "end it with a line of three colons, ':::'");
    return nullptr;
  }
  std::string_view rest;
  fence_line(lit(open), &rest);
  FenceSpec spec = parse_spec(rest);
  bool quarto = rest.front() == '{';  // rest goes with the fence line
  int kind = known_kind(spec.kind, open);
  cmark_node* div = kind >= 0 ? block(kind, spec.title) : new_custom_block("", "");
  cmark_node_insert_before(para, div);
  move_siblings(para, end, div);
  remove_last_line(close_para);  // leaves para's first line when para closes itself
  remove_first_line(para);
  // Quarto titles a callout with a heading at its top, when title="…" gives none.
  cmark_node* top = cmark_node_first_child(div);
  if (kind >= 0 && spec.title.empty() && quarto && top && cmark_node_get_type(top) == CMARK_NODE_HEADING) {
    cmark_node_set_on_enter(div, enter_html(kind, plain_text(top)).c_str());
    cmark_node_free(top);
  }
  return div;
}

void Callouts::container(cmark_node* parent, int depth) {
  if (depth > kMaxNesting) return;
  for (cmark_node* c = cmark_node_first_child(parent); c;) {
    cmark_node_type t = cmark_node_get_type(c);
    cmark_node* made = t == CMARK_NODE_BLOCK_QUOTE ? alert(c) : t == CMARK_NODE_PARAGRAPH ? fence(c) : nullptr;
    if (made) c = made;
    t = cmark_node_get_type(c);
    if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM || t == CMARK_NODE_CUSTOM_BLOCK ||
        t == CMARK_NODE_FOOTNOTE_DEFINITION)
      container(c, depth + 1);
    c = cmark_node_next(c);
  }
}

}  // namespace

void mark_callouts(cmark_node* doc, const UiStrings& ui, const std::string& file, int first_line,
                   Diagnostics& diags) {
  Callouts(ui, file, first_line, diags).container(doc, 0);
}

std::string callout_title(cmark_node* block) {
  const char* enter = cmark_node_get_type(block) == CMARK_NODE_CUSTOM_BLOCK ? cmark_node_get_on_enter(block) : nullptr;
  std::string_view html = enter ? enter : "";
  size_t at = html.find(kTitleOpen);
  if (html.substr(0, kDivOpen.size()) != kDivOpen || at == std::string_view::npos) return "";
  at += kTitleOpen.size();
  return decode_char_refs(html.substr(at, html.find("</p>", at) - at));
}

}  // namespace annalist
