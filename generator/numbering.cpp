#include "numbering.h"

#include <cmark-gfm-core-extensions.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "figure.h"
#include "markdown.h"
#include "text.h"

namespace annalist {

std::string format_label(const std::string& fmt, const std::string& chapter, const std::string& n) {
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt.compare(i, 9, "{chapter}") == 0) {
      out += chapter;
      i += 8;
    } else if (fmt.compare(i, 3, "{n}") == 0) {
      out += n;
      i += 2;
    } else {
      out += fmt[i];
    }
  }
  return out;
}

std::string page_label(const Page& page, const UiStrings& ui) {
  if (page.part_page) return page.part;  // the part's own page: "第一篇", "Part II"
  if (page.number.empty()) return "";
  if (page.depth > 0) return page.number;  // a sub-page: "1.2"
  if (page.kind == PageKind::kChapter) return format_label(ui.chapter_label, "", page.number);
  if (page.kind == PageKind::kAppendix) return format_label(ui.appendix_label, "", page.number);
  return "";
}

namespace {

// What a heading's trailing {#id .class …} gives.
struct HeadingAttrs {
  std::string id;       // "" when none
  std::string classes;  // space-separated, "" when none
};

// Reads "{#id .a .b}" (each part optional, at most one id); false when it is not such a block.
bool parse_heading_attrs(std::string_view inner, HeadingAttrs* a) {
  for (const std::string& part : split(inner, ' ')) {
    if (part.empty()) continue;
    std::string_view name = std::string_view(part).substr(1);
    if (part[0] == '#' && a->id.empty() && valid_heading_id(name)) {
      a->id = std::string(name);
    } else if (part[0] == '.' && !name.empty() &&
               std::all_of(name.begin(), name.end(), [](char c) { return is_id_char(c); })) {
      a->classes += (a->classes.empty() ? "" : " ") + std::string(name);
    } else {
      return false;
    }
  }
  return !a->id.empty() || !a->classes.empty();
}

// Removes a trailing {#id .class} from a heading's last text node; returns what it gave.
HeadingAttrs strip_heading_id(cmark_node* h) {
  cmark_node* last = cmark_node_last_child(h);
  if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return {};
  std::string lit(node_literal(last));
  std::string_view t = trim(lit);
  if (t.size() < 3 || t.back() != '}') return {};
  size_t open = t.rfind('{');
  HeadingAttrs a;
  if (open == std::string_view::npos || !parse_heading_attrs(t.substr(open + 1, t.size() - open - 2), &a)) return {};
  std::string rest(trim(t.substr(0, open)));
  size_t lead = lit.find_first_not_of(" \t");
  cmark_node_set_literal(last, (lead && lead != std::string::npos ? lit.substr(0, lead) : "").append(rest).c_str());
  return a;
}

// A table's caption written as "Table: caption {#tbl:id}" / "表：…".
struct Caption {
  std::string text, id;
  SourcePos pos;
  cmark_node* node = nullptr;  // the last row or the paragraph holding it
};

class Numberer {
 public:
  Numberer(const Page& page, const Config& config, const UiStrings& ui, const DeclareFigure& declare,
           PageNumbering& out, Diagnostics& diags)
      : page_(page), config_(config), ui_(ui), declare_(declare), out_(out), diags_(diags) {}

  void take_title(cmark_node* doc);
  void run(cmark_node* doc);

 private:
  SourcePos pos_of(cmark_node* n) const { return node_source_pos(n, page_.file, page_.body_line); }
  void heading(cmark_node* n);
  void code_block(cmark_node* n);
  void table(cmark_node* n);
  void image_figure(cmark_node* n);
  bool take_caption(cmark_node* holder, Caption* c) const;
  std::string figure_label(bool table);
  void add_figure(cmark_node* n, bool table, const std::string& id, const std::string& title,
                  const std::string& label, const SourcePos& pos, cmark_node* caption);
  int top_level(cmark_node* doc) const;

  const Page& page_;
  const Config& config_;
  const UiStrings& ui_;
  const DeclareFigure& declare_;
  PageNumbering& out_;
  Diagnostics& diags_;
  std::set<std::string> ids_;
  std::set<std::string> old_ids_;  // the ids as the rule before heading_slug gave them
  int top_ = 2;                    // the page's highest heading level (1 counts as 2)
  int sec_ = 0, subsec_ = 0, figures_ = 0, tables_ = 0;
};

// The first # heading becomes the page title when front matter gives none.
void Numberer::take_title(cmark_node* doc) {
  for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
    if (cmark_node_get_heading_level(n) == 1) {
      strip_heading_id(n);
      out_.title = plain_text(n);
      cmark_node_free(n);
    }
    return;
  }
}

// The page's highest heading level: numbers and the table of contents count from it, so a page
// whose first heading is ### numbers its ### as 1.1, not 1.0.1.
int Numberer::top_level(cmark_node* doc) const {
  int top = 6;
  TreeWalk walk(doc);
  cmark_node* n;
  bool entering;
  while (walk.next(&n, &entering))
    if (entering && cmark_node_get_type(n) == CMARK_NODE_HEADING)
      top = std::min(top, std::max(2, cmark_node_get_heading_level(n)));
  return top;
}

void Numberer::run(cmark_node* doc) {
  const cmark_node_type table_type = gfm_types().table;
  top_ = top_level(doc);
  TreeWalk walk(doc);
  cmark_node* n;
  bool entering;
  while (walk.next(&n, &entering)) {
    if (!entering) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_HEADING) heading(n);
    else if (t == CMARK_NODE_CODE_BLOCK) code_block(n);
    else if (t == table_type) table(n);
    else if (t == CMARK_NODE_PARAGRAPH) image_figure(n);
  }
}

// id, else the first of id-<first>, id-<first+1>, … not yet taken (GitHub counts from 1; the
// rule before it, kept for check --changed-ids, from 2); taken gets it.
std::string take_unique(std::set<std::string>& taken, const std::string& id, int first) {
  if (taken.insert(id).second) return id;
  for (int k = first;; ++k) {
    std::string c = id + "-" + std::to_string(k);
    if (taken.insert(c).second) return c;
  }
}

void Numberer::heading(cmark_node* n) {
  int level = cmark_node_get_heading_level(n);
  if (level == 1) level = 2;
  HeadingAttrs attrs = strip_heading_id(n);
  const std::string& explicit_id = attrs.id;
  Heading h;
  h.level = level;
  h.pos = pos_of(n);
  h.text = plain_text(n);
  h.explicit_id = !explicit_id.empty();
  h.classes = std::move(attrs.classes);
  if (h.explicit_id && ids_.count(explicit_id))
    diags_.warning(h.pos, "duplicate heading id '" + explicit_id + "' on this page",
                   "a suffix was added; give each heading its own {#id}");
  h.id = take_unique(ids_, h.explicit_id ? explicit_id : heading_slug(h.text), 1);
  h.old_id = take_unique(old_ids_, h.explicit_id ? explicit_id : slugify(h.text), 2);
  h.depth = std::max(0, level - top_);
  if (config_.number_sections && !page_.number.empty() && h.depth <= 1) {
    if (h.depth == 0) {
      ++sec_;
      subsec_ = 0;
      h.number = page_.number + "." + std::to_string(sec_);
    } else if (sec_ > 0) {  // a sub-heading before the first top one gets no number, not x.0.1
      ++subsec_;
      h.number = page_.number + "." + std::to_string(sec_) + "." + std::to_string(subsec_);
    }
  }
  out_.headings.push_back(std::move(h));
  out_.heading_nodes.push_back(n);
}

std::string Numberer::figure_label(bool table) {
  int& counter = table ? tables_ : figures_;
  ++counter;
  std::string fmt = table ? config_.table_label : config_.figure_label;
  if (page_.number.empty()) fmt = table ? ui_.table_label_front : ui_.figure_label_front;
  if (fmt.empty()) fmt = table ? ui_.table_label : ui_.figure_label;
  return format_label(fmt, page_.number, std::to_string(counter));
}

void Numberer::add_figure(cmark_node* n, bool table, const std::string& id, const std::string& title,
                          const std::string& label, const SourcePos& pos, cmark_node* caption) {
  std::string anchor = (table ? "tbl-" : "fig-") + id;
  bool duplicate = !ids_.insert(anchor).second;
  old_ids_.insert(anchor);
  if (duplicate)
    diags_.error(pos, "duplicate " + std::string(table ? "table" : "figure") + " id '" + id + "' on this page",
                 "give each figure and table its own id");
  out_.numbered.push_back({n, out_.figures.size(), duplicate, caption});
  out_.figures.push_back({table, id, anchor, label, title, pos});
}

void Numberer::code_block(cmark_node* n) {
  DeclaredFigure d;
  if (!declare_ || !declare_(n, &d)) return;
  std::string label = figure_label(d.table);
  add_figure(n, d.table, d.id, d.title, label, pos_of(n), nullptr);
  out_.figures.back().placeholder = d.placeholder;
}

bool Numberer::take_caption(cmark_node* holder, Caption* c) const {
  cmark_node* t = holder ? cmark_node_first_child(holder) : nullptr;
  if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT || cmark_node_next(t)) return false;
  std::string lit(node_literal(t));
  for (const char* p : {"Table:", "表：", "表:"}) {
    if (lit.compare(0, std::strlen(p), p) != 0) continue;
    c->text = std::string(trim(std::string_view(lit).substr(std::strlen(p))));
    c->pos = pos_of(t);
    size_t open = c->text.rfind("{#tbl:");
    if (open != std::string::npos && c->text.back() == '}') {
      c->id = c->text.substr(open + 6, c->text.size() - open - 7);
      c->text = std::string(trim(c->text.substr(0, open)));
    }
    return true;
  }
  return false;
}

// An optional caption below a GFM table: the next paragraph or, written on the line right after
// the table, its last one-cell row.
void Numberer::table(cmark_node* n) {
  Caption c;
  cmark_node* last_row = cmark_node_last_child(n);
  if (last_row && last_row != cmark_node_first_child(n) && take_caption(cmark_node_first_child(last_row), &c)) {
    bool row_caption = true;
    for (cmark_node* cell = cmark_node_next(cmark_node_first_child(last_row)); cell; cell = cmark_node_next(cell))
      row_caption = row_caption && !cmark_node_first_child(cell);
    if (row_caption) c.node = last_row;
  }
  cmark_node* next = cmark_node_next(n);
  if (!c.node && next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH && take_caption(next, &c)) c.node = next;
  if (!c.node) return;
  std::string label = figure_label(true);
  if (c.id.empty()) c.id = page_.slug + "-t" + std::to_string(tables_);
  add_figure(n, true, c.id, c.text, label, c.pos, c.node);
}

// An image alone in its paragraph followed by {#fig:id}: a figure numbered like a chart, its alt
// text the caption.
void Numberer::image_figure(cmark_node* para) {
  cmark_node* img = cmark_node_first_child(para);
  if (!img || cmark_node_get_type(img) != CMARK_NODE_IMAGE) return;
  cmark_node* attr = cmark_node_next(img);
  if (!attr || cmark_node_get_type(attr) != CMARK_NODE_TEXT || cmark_node_next(attr)) return;
  std::string_view t = trim(node_literal(attr));
  if (t.size() < 7 || t.substr(0, 6) != "{#fig:" || t.back() != '}') return;
  std::string id(t.substr(6, t.size() - 7));
  if (!valid_figure_id(id)) {
    diags_.error(pos_of(attr), "invalid figure id '" + id + "'",
                 "use letters, digits, '-' and '_': ![caption](img/x.png){#fig:sales-2022}");
    return;
  }
  std::string label = figure_label(false);
  add_figure(para, false, id, plain_text(img), label, pos_of(img), attr);
}

}  // namespace

PageNumbering number_page(cmark_node* doc, const Page& page, const Config& config, const UiStrings& ui,
                          const DeclareFigure& declare, Diagnostics& diags) {
  PageNumbering out;
  out.title = page.title;
  Numberer numberer(page, config, ui, declare, out, diags);
  if (out.title.empty()) numberer.take_title(doc);
  numberer.run(doc);
  return out;
}

}  // namespace annalist
