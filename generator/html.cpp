#include "html.h"

#include <cmark-gfm-core-extensions.h>

#include <cstring>
#include <map>

#include "callout.h"
#include "code_block.h"
#include "data.h"
#include "deflist.h"
#include "fenced_block.h"
#include "image_html.h"
#include "inline_syntax.h"
#include "interpolate.h"
#include "markdown.h"
#include "raw_html.h"
#include "safe_url.h"
#include "source_link.h"
#include "table_layout.h"
#include "text.h"

namespace annalist {

namespace {

// Where HTML goes: the page body, or a link's text kept apart from it.
struct Sink {
  std::string html;
  std::vector<BodyHole> holes;  // offsets into html
};

// Renders a numbered tree: one switch over node types, fed ENTER and EXIT events in document
// order, as cmark's html.c does.
class Renderer {
 public:
  Renderer(const Page& page, const RenderEnv& env, RenderedPage& out)
      : page_(page), env_(env), out_(out), search_(&out.search, &body_.html) {
    body_.html.reserve(page.body().size() * 3 / 2 + 256);
  }

  void run();

 private:
  SourcePos pos_of(cmark_node* n, int extra_col = 0) const {
    return node_source_pos(n, page_.file, page_.body_line, extra_col);
  }
  std::string& html() { return sink_->html; }
  void hole(BodyHole::Kind kind, size_t index = 0) {
    sink_->holes.push_back({static_cast<uint32_t>(sink_->html.size()), static_cast<uint32_t>(index), kind});
  }
  // Holes for the screen-only ranges of HTML about to be appended at offset `base`.
  void screen_only(const ScreenOnly& ranges, size_t base) {
    for (auto [from, to] : ranges)
      sink_->holes.push_back({static_cast<uint32_t>(base + from), static_cast<uint32_t>(to - from), BodyHole::kScreenOnly});
  }
  void open_id(const std::string& id) {
    html() += " id=\"";
    hole(BodyHole::kIdPrefix);
    html_escape(id, html());
    html() += '"';
  }

  // Search text; none while a heading is written (its text is the next section's title).
  void search_text(std::string_view s) {
    if (!quiet_) search_.text(s);
  }
  void search_body_text(size_t at, std::string_view s) {
    if (quiet_) return;
    if (sink_ == &body_) search_.body_text(at, s);
    else search_.text(s);
  }
  void block_break() {
    if (!quiet_) search_.block_break();
  }

  const NumberedNode* take_numbered(cmark_node* n) {
    if (next_numbered_ < numbering_.numbered.size() && numbering_.numbered[next_numbered_].node == n)
      return &numbering_.numbered[next_numbered_++];
    return nullptr;
  }
  bool declare_figure(cmark_node* n, DeclaredFigure* d);

  void render_node(cmark_node* n, bool entering);
  bool render_block(cmark_node* n, cmark_node_type t, bool entering);
  void render_inline(cmark_node* n, cmark_node_type t, bool entering);
  void raw_html(cmark_node* n, int next_col);
  void paragraph(cmark_node* n, bool entering);
  void heading(cmark_node* n, bool entering);
  void code_block(cmark_node* n);
  void fenced_block(cmark_node* n);
  void text(cmark_node* n, std::string_view lit);
  void interpolation(cmark_node* n);
  void add_xref(std::string kind, std::string id, std::string custom, SourcePos pos);
  void link(cmark_node* n, bool entering);
  void image(cmark_node* n);
  void image_figure(cmark_node* para, const NumberedNode& num);
  void table(cmark_node* n, bool entering);
  void table_row(cmark_node* n, bool entering);
  void table_cell(cmark_node* n, bool entering);
  void footnote_ref(cmark_node* n);
  void footnote_def(cmark_node* n, bool entering);
  void footnote_back_links(int num);
  void finish();

  const Page& page_;
  const RenderEnv& env_;
  RenderedPage& out_;
  Sink body_;
  Sink* sink_ = &body_;
  std::vector<Sink> captures_;  // link texts being written, innermost last
  SearchTextBuilder search_;
  PageNumbering numbering_;
  std::vector<std::pair<cmark_node*, FencedBlock>> blocks_;  // fenced figure blocks in order
  size_t next_numbered_ = 0, next_heading_ = 0, next_block_ = 0;
  int quiet_ = 0;
  TreeWalk* walk_ = nullptr;
  cmark_node* skip_ = nullptr;  // a table caption, not rendered as itself
  struct TableState {
    uint16_t ncols = 0;
    uint8_t* align = nullptr;
    bool in_body = false, header = false, figure = false, cards = false;
    uint16_t col = 0;
    std::vector<std::string> headers;  // column headers as plain text (the cards' data-label)
  } table_;
  bool footnotes_open_ = false;
  std::vector<int> footnote_defs_;  // numbers of the notes being written
  std::map<std::string, int> footnote_numbers_;
  std::map<int, int> footnote_uses_;
};

bool Renderer::declare_figure(cmark_node* n, DeclaredFigure* d) {
  const char* info = cmark_node_get_fence_info(n);
  const FencedKind* kind = fenced_kind(info ? info : "");
  if (!kind) return false;
  SourcePos block = pos_of(n);
  blocks_.emplace_back(n, parse_fenced_block(*kind, node_literal(n), {block.file, block.line + 1, 1}, out_.diags));
  FencedBlock& b = blocks_.back().second;
  resolve_block_text(b, env_.data, env_.config.language, &out_.data_deps, out_.diags);
  if (!b.parsed) return false;
  d->table = b.table;
  d->id = b.id;
  d->title = b.title;
  d->placeholder = std::holds_alternative<FigureSpec>(b.spec);
  return true;
}

void Renderer::run() {
  MarkdownDoc doc = parse_markdown(page_.body(), smart_punctuation(env_.config.language));
  mark_callouts(doc.get(), env_.ui, page_.file, page_.body_line, out_.diags);
  mark_definition_lists(doc.get());
  numbering_ = number_page(
      doc.get(), page_, env_.config, env_.ui,
      [this](cmark_node* n, DeclaredFigure* d) { return declare_figure(n, d); }, out_.diags);
  out_.title = numbering_.title;
  if (out_.title.empty() && !page_.front_matter_broken) {  // else the YAML error is the cause
    out_.diags.error({page_.file, 1, 1}, "page has no title",
                     "add 'title:' to the front matter or start the page with '# Title'");
  }
  search_.section("", out_.title);
  TreeWalk walk(doc.get());
  walk_ = &walk;
  cmark_node* n;
  bool entering;
  while (walk.next(&n, &entering)) render_node(n, entering);
  if (cmark_node* deep = walk.too_deep())
    out_.diags.error(pos_of(deep), "nesting too deep", "flatten the nested lists or quotes");
  if (footnotes_open_) html() += "</ol>\n</section>\n";
  finish();
}

// Every page's result is kept until the whole report is written: no slack capacity.
void Renderer::finish() {
  body_.html.shrink_to_fit();
  search_.finish();
  out_.body = std::make_shared<const std::string>(std::move(body_.html));
  out_.holes = std::move(body_.holes);
  out_.holes.shrink_to_fit();
  out_.headings = std::move(numbering_.headings);
  out_.headings.shrink_to_fit();
  out_.figures = std::move(numbering_.figures);
  out_.figures.shrink_to_fit();
  out_.xrefs.shrink_to_fit();
}

void Renderer::render_node(cmark_node* n, bool entering) {
  cmark_node_type t = cmark_node_get_type(n);
  if (!render_block(n, t, entering)) render_inline(n, t, entering);
}

// Block nodes; false for a node that is not one.
bool Renderer::render_block(cmark_node* n, cmark_node_type t, bool entering) {
  const GfmTypes& g = gfm_types();
  switch (t) {
    case CMARK_NODE_DOCUMENT: break;
    case CMARK_NODE_PARAGRAPH: paragraph(n, entering); break;
    case CMARK_NODE_HEADING: heading(n, entering); break;
    case CMARK_NODE_BLOCK_QUOTE: html() += entering ? "<blockquote>\n" : "</blockquote>\n"; break;
    case CMARK_NODE_LIST: {
      bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
      int start = cmark_node_get_list_start(n);
      if (entering)
        html() += ordered ? (start > 1 ? "<ol start=\"" + std::to_string(start) + "\">\n" : "<ol>\n") : "<ul>\n";
      else
        html() += ordered ? "</ol>\n" : "</ul>\n";
      break;
    }
    case CMARK_NODE_ITEM: {
      bool checked = false;
      if (!entering) html() += "</li>\n";
      else html() += task_item(n, &checked) ? (in_tight_first(n) ? "<li class=\"task\">" : "<li class=\"task\">\n")
                                            : in_tight_first(n) ? "<li>" : "<li>\n";
      break;
    }
    case CMARK_NODE_CODE_BLOCK: code_block(n); break;
    case CMARK_NODE_HTML_BLOCK:
      raw_html(n, pos_of(n).col);
      break;
    case CMARK_NODE_THEMATIC_BREAK: html() += "<hr>\n"; break;
    case CMARK_NODE_FOOTNOTE_DEFINITION: footnote_def(n, entering); break;
    case CMARK_NODE_CUSTOM_BLOCK:  // callouts, definition lists: HTML made by annalist
      html() += entering ? cmark_node_get_on_enter(n) : cmark_node_get_on_exit(n);
      if (std::string title = entering ? callout_title(n) : ""; !title.empty()) {  // searched like a heading
        search_text(title);
        block_break();
      }
      if (!entering) block_break();
      break;
    default:
      if (t == g.table) table(n, entering);
      else if (t == g.table_row) table_row(n, entering);
      else if (t == g.table_cell) table_cell(n, entering);
      else return false;
  }
  return true;
}

void Renderer::render_inline(cmark_node* n, cmark_node_type t, bool entering) {
  if (inline_kind(n) != InlineKind::kNone) t = CMARK_NODE_CUSTOM_INLINE;  // also in a table cell
  switch (t) {
    case CMARK_NODE_TEXT: text(n, node_literal(n)); break;
    case CMARK_NODE_SOFTBREAK:
      html() += '\n';
      search_text(" ");
      break;
    case CMARK_NODE_LINEBREAK: html() += "<br>\n"; break;
    case CMARK_NODE_CODE: {
      html() += "<code>";
      size_t at = html().size();
      html_escape(node_literal(n), html());
      html() += "</code>";
      search_body_text(at, node_literal(n));
      break;
    }
    case CMARK_NODE_HTML_INLINE:
      raw_html(n, 1);
      break;
    case CMARK_NODE_EMPH: html() += entering ? "<em>" : "</em>"; break;
    case CMARK_NODE_STRONG: html() += entering ? "<strong>" : "</strong>"; break;
    case CMARK_NODE_LINK: link(n, entering); break;
    case CMARK_NODE_IMAGE:
      image(n);
      walk_->skip(n);
      break;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      if (entering) footnote_ref(n);
      break;
    case CMARK_NODE_CUSTOM_INLINE:  // inline_syntax.h
      if (!entering) break;
      if (inline_kind(n) == InlineKind::kMath || inline_kind(n) == InlineKind::kDisplayMath) {
        math_html(n, false, html());
        search_text(inline_source(n));
      } else {
        interpolation(n);
      }
      break;
    default:
      if (t == gfm_types().strikethrough) html() += entering ? "<del>" : "</del>";
  }
}

void Renderer::paragraph(cmark_node* n, bool entering) {
  if (entering && n == skip_) {
    walk_->skip(n);
    return;
  }
  if (entering)
    if (const NumberedNode* num = take_numbered(n)) return image_figure(n, *num);
  if (cmark_node* math = entering ? display_math_paragraph(n) : nullptr) {  // a formula on its own
    walk_->skip(n);
    math_html(math, true, html());
    search_text(inline_source(math));
    return block_break();
  }
  bool tight = in_tight_list(n), checked = false;
  if (entering) {
    if (!tight) html() += "<p>";
    cmark_node* item = cmark_node_parent(n);
    if (cmark_node_first_child(item) == n && task_item(item, &checked)) {  // named by its text
      html() += checked ? "<input type=\"checkbox\" disabled checked aria-label=\"" : "<input type=\"checkbox\" disabled aria-label=\"";
      auto value = [&](cmark_node* c) { return interpolation_text(trim(inline_source(c)), env_.data, env_.config.language); };
      html_escape(plain_text(n, value), html());
      html() += "\"> ";
    }
    return;
  }
  if (!tight) html() += "</p>\n";
  else if (cmark_node_next(n)) html() += "\n";
  block_break();
}

void Renderer::heading(cmark_node* n, bool entering) {
  if (next_heading_ >= numbering_.heading_nodes.size()) return;
  const Heading& h = numbering_.headings[next_heading_];
  if (entering) {
    if (numbering_.heading_nodes[next_heading_] != n) return;
    html() += "<h" + std::to_string(h.level);
    open_id(h.id);
    if (!h.classes.empty()) html() += " class=\"" + h.classes + "\"";  // id characters only
    html() += '>';
    if (!h.number.empty()) html() += "<span class=\"secno\">" + h.number + "</span> ";
    ++quiet_;
    return;
  }
  if (numbering_.heading_nodes[next_heading_] != n) return;
  // The # link (figure.h anchor_link), its target prefixed in print.html as the id is; only on
  // screens (print.html leaves it out).
  size_t link = html().size(), hole_at = sink_->holes.size();
  hole(BodyHole::kScreenOnly);
  html() += "<a class=\"anchor\" href=\"#";
  hole(BodyHole::kIdPrefix);
  html_escape(h.id, html());
  html() += "\" aria-label=\"" + html_escape(env_.ui.figure.anchor_link) + "\"></a>";
  sink_->holes[hole_at].index = static_cast<uint32_t>(html().size() - link);
  html() += "</h" + std::to_string(h.level) + ">\n";
  --quiet_;
  search_.section(h.id, (h.number.empty() ? "" : h.number + " ") + h.text);
  ++next_heading_;
}

void Renderer::code_block(cmark_node* n) {
  if (next_block_ < blocks_.size() && blocks_[next_block_].first == n) {
    fenced_block(n);
    return;
  }
  const char* info = cmark_node_get_fence_info(n);
  std::string shown;
  code_block_html(parse_code_info(info ? info : ""), node_literal(n), env_.ui, html(), &shown);
  block_break();
  search_text(shown);
}

// A ```chart, ```table or ```figure block: its figure, unless it has errors.
void Renderer::fenced_block(cmark_node* n) {
  const FencedBlock& b = blocks_[next_block_++].second;
  const NumberedNode* num = b.parsed ? take_numbered(n) : nullptr;
  if (!num) return;
  const FigureEntry& f = numbering_.figures[num->figure];
  size_t before = out_.diags.error_count();
  ScreenOnly screen;
  FencedEnv fe{env_.data, env_.ui.figure, out_.data_deps, out_.diags, &out_.files, &screen};
  std::string out = b.kind->render(b, f.label, fe);
  block_break();
  search_text(f.label + " " + b.search);
  block_break();
  if (num->duplicate || out_.diags.error_count() != before) return;
  // Figure ids are unique in the whole report, so they need no per-page prefix.
  screen_only(screen, html().size());
  html() += out;
  if (!out.empty() && out.back() != '\n') html() += '\n';
}

// Text with @kind:id cross-references.
void Renderer::text(cmark_node* n, std::string_view lit) {
  size_t i = 0, plain = 0;
  auto flush = [&](size_t end) {
    std::string_view s = lit.substr(plain, end - plain);
    size_t at = html().size();
    html_escape(s, html());
    search_body_text(at, s);
  };
  while (i < lit.size()) {
    if (lit[i] == '@' && (i == 0 || !(is_id_char(lit[i - 1]) || lit[i - 1] == '.'))) {
      static const char* const kKinds[] = {"fig:", "tbl:", "sec:", "ch:"};
      bool taken = false;  // not plain == i: that also holds for an '@' that starts the text
      for (const char* k : kKinds) {
        size_t kl = std::strlen(k);
        if (lit.compare(i + 1, kl, k) != 0) continue;
        size_t e = i + 1 + kl;
        while (e < lit.size() && is_id_char(lit[e])) ++e;
        while (e > i + 1 + kl && lit[e - 1] == '-') --e;
        if (e == i + 1 + kl) break;
        flush(i);
        add_xref(std::string(k, kl - 1), std::string(lit.substr(i + 1 + kl, e - i - 1 - kl)), "",
                 pos_of(n, static_cast<int>(i)));
        plain = i = e;
        taken = true;
        break;
      }
      if (taken) continue;
    }
    ++i;
  }
  flush(lit.size());
}

// A {{ … }} node (inline_syntax.h).
void Renderer::interpolation(cmark_node* n) {
  SourcePos p = pos_of(n);
  if (inline_kind(n) == InlineKind::kUnclosed) {
    out_.diags.error(p, "unclosed '{{'", "close the interpolation with }}, or write \\{{ for a literal {{");
    return;
  }
  Interpolated v;
  if (!evaluate_interpolation(trim(inline_source(n)), env_.data, env_.config.language, p, &v, out_.diags)) return;
  html() += "<span class=\"num\" data-source=\"";
  html_escape(v.data_path, html());
  html() += "\">";
  html_escape(v.text, html());
  html() += "</span>";
  search_text(v.text);
  out_.data_deps.insert(v.data_path);
}

void Renderer::add_xref(std::string kind, std::string id, std::string custom, SourcePos pos) {
  size_t index = out_.xrefs.size();
  hole(BodyHole::kXref, index);
  if (custom.empty() && !quiet_) search_.xref(index);  // the label is filled in with the search index
  out_.xrefs.push_back({std::move(kind), std::move(id), std::move(custom), std::move(pos)});
}

// "@fig:" … when a link's URL is a cross-reference, else "".
std::string_view xref_prefix(cmark_node* n) {
  const char* url = cmark_node_get_url(n);
  if (!url) return {};
  for (const char* k : {"@fig:", "@tbl:", "@sec:", "@ch:"})
    if (std::strncmp(url, k, std::strlen(k)) == 0) return k;
  return {};
}

// True for a URL relative to the page's folder, which print.html (one folder up) must prefix
// with that folder: not "#…", "?…", "/…", "../…" (print rewrites those) or one with a scheme.
bool folder_relative(std::string_view url) {
  if (url.empty() || url[0] == '#' || url[0] == '?' || url[0] == '/' || url.substr(0, 3) == "../") return false;
  size_t colon = url.find(':');
  return colon == std::string_view::npos || url.find_first_of("/?#") < colon;
}

// A link; one to a cross-reference or to another page's source file has its text written
// apart, as the reference's link text.
void Renderer::link(cmark_node* n, bool entering) {
  std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
  std::string_view k = xref_prefix(n);
  SourceLink source;
  if (!k.empty() || parse_source_link(url, page_.file, &source)) {
    if (entering) {
      captures_.emplace_back();
      sink_ = &captures_.back();
      return;
    }
    std::string inner = std::move(captures_.back().html);  // ids in it keep no prefix
    captures_.pop_back();
    sink_ = captures_.empty() ? &body_ : &captures_.back();
    if (!k.empty()) {
      add_xref(std::string(k.substr(1, k.size() - 2)), url.substr(k.size()), inner.empty() ? " " : inner, pos_of(n));
      return;
    }
    add_xref("md", std::move(source.path), std::move(inner), pos_of(n));  // no text: the page's title
    XrefUse& x = out_.xrefs.back();
    x.href = std::move(url);
    x.anchor = std::move(source.anchor);
    const char* title = cmark_node_get_title(n);
    x.title = title ? title : "";
    return;
  }
  if (!entering) {
    html() += "</a>";
    return;
  }
  html() += "<a href=\"";
  if (!dangerous_url(url)) {
    out_.links.push_back({url, pos_of(n)});
    if (!url.empty() && url[0] == '#') {
      html() += '#';
      hole(BodyHole::kIdPrefix);
      html_escape(std::string_view(url).substr(1), html());
    } else {
      if (folder_relative(url)) hole(BodyHole::kDirPrefix);
      html_escape(url, html());
    }
  }
  html() += '"';
  const char* title = cmark_node_get_title(n);
  if (title && *title) {
    html() += " title=\"";
    html_escape(title, html());
    html() += '"';
  }
  html() += '>';
}

// Raw HTML, through the sanitizer; an <img> of a project file is copied like a Markdown image.
// Later lines of the fragment begin at column next_col.
void Renderer::raw_html(cmark_node* n, int next_col) {
  RawHtmlPolicy policy;
  policy.allow_all = env_.config.allow_html;
  policy.local_image = [&](const std::string& src, const SourcePos& pos) {
    return local_image({src, "", "", page_.file, env_.config.root, pos}, env_.images, &out_.image_deps, out_.diags);
  };
  sanitize_raw_html(node_literal(n), {pos_of(n), next_col}, policy, html(), out_.diags, out_.links);
}

void Renderer::image(cmark_node* n) {
  const char* url = cmark_node_get_url(n);
  const char* title = cmark_node_get_title(n);
  ImageUse use{url ? url : "", plain_text(n), title ? title : "", page_.file, env_.config.root, pos_of(n)};
  image_element(use, env_.images, &out_.image_deps, html(), out_.diags);
}

// An image alone in its paragraph with {#fig:id}: a numbered figure captioned with its alt text.
void Renderer::image_figure(cmark_node* para, const NumberedNode& num) {
  const FigureEntry& f = numbering_.figures[num.figure];
  walk_->skip(para);
  block_break();
  search_text(f.label + " " + f.title);
  block_break();
  if (num.duplicate) return;
  std::string open = image_figure_open(f.id, f.label, f.title, env_.ui.figure.anchor_link);
  ScreenOnly screen;
  mark_caption_link(open, &screen);
  screen_only(screen, html().size());
  html() += open;
  image(cmark_node_first_child(para));
  html() += "\n</figure>\n";
}

// A GFM table, in a numbered <figure> when it has a caption.
void Renderer::table(cmark_node* n, bool entering) {
  if (!entering) {
    if (table_.in_body) html() += "</tbody>\n";
    html() += "</table>\n</div>\n";
    if (table_.figure) html() += "</figure>\n";
    return;
  }
  table_ = TableState{};
  std::string region = env_.ui.figure.table_region;
  if (const NumberedNode* num = take_numbered(n)) {
    const FigureEntry& f = numbering_.figures[num->figure];
    skip_ = num->caption;
    table_.figure = true;
    region = f.label + " " + f.title;
    html() += "<figure class=\"figure md-table\" id=\"tbl-";
    html_escape(f.id, html());
    html() += '"';
    html() += ">\n<figcaption><span class=\"figno\">";
    html_escape(f.label, html());
    html() += "</span> ";
    html_escape(f.title, html());
    html() += "</figcaption>\n";
    block_break();
    search_text(f.label + " " + f.title + " ");
  }
  table_.ncols = cmark_gfm_extensions_get_table_columns(n);
  table_.align = cmark_gfm_extensions_get_table_alignments(n);
  // The cells' text decides the layout before the first tag is written (table_layout.h).
  std::vector<std::vector<std::string>> body;
  for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
    if (row == skip_) continue;
    std::vector<std::string> cells;
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
      cells.push_back(plain_text(cell));
    if (cmark_gfm_extensions_get_table_row_is_header(row)) table_.headers = std::move(cells);
    else body.push_back(std::move(cells));
  }
  table_.cards = stacks_as_cards(body);
  html() += table_wrap_open(region);
  html() += table_.cards ? "<table class=\"cards\">\n" : "<table>\n";
}

void Renderer::table_row(cmark_node* n, bool entering) {
  if (entering && n == skip_) {
    walk_->skip(n);
    return;
  }
  if (!entering) {
    html() += "</tr>\n";
    if (table_.header) html() += "</thead>\n";
    return;
  }
  table_.header = cmark_gfm_extensions_get_table_row_is_header(n);
  if (table_.header) {
    html() += "<thead>\n";
  } else if (!table_.in_body) {
    html() += "<tbody>\n";
    table_.in_body = true;
  }
  html() += "<tr>\n";
  table_.col = 0;
}

void Renderer::table_cell(cmark_node* n, bool entering) {
  const char* tag = table_.header ? "th" : "td";
  if (!entering) {
    html() += "</";
    html() += tag;
    html() += ">\n";
    search_text(" ");
    ++table_.col;
    return;
  }
  html() += '<';
  html() += tag;
  if (table_.header) html() += " scope=\"col\"";
  char a = table_.col < table_.ncols && table_.align ? static_cast<char>(table_.align[table_.col]) : 0;
  if (a == 'r') html() += " class=\"num\"";
  else if (a == 'c') html() += " class=\"center\"";
  else if (!table_.header && unbreakable_cell(plain_text(n))) html() += " class=\"nowrap\"";
  if (table_.cards && !table_.header && table_.col < table_.headers.size()) {
    html() += " data-label=\"";
    html_escape(table_.headers[table_.col], html());
    html() += '"';
  }
  html() += '>';
}

// "fnref-3", or "fnref-3-2" for the second reference to note 3 (built by appending: GCC 12
// warns falsely about "…" + std::string temporaries, -Wrestrict).
std::string footnote_ref_id(int num, int use) {
  std::string id = "fnref-";
  id += std::to_string(num);
  if (use > 1) {
    id += '-';
    id += std::to_string(use);
  }
  return id;
}

void Renderer::footnote_ref(cmark_node* n) {
  // cmark replaces a reference's literal by its number; the label is on the definition. A word
  // joiner (U+2060) keeps the mark on the line of the word it follows: never alone on a new line.
  cmark_node* def = footnote_definition_of(n);
  std::string label(def ? node_literal(def) : node_literal(n));
  auto [it, fresh] = footnote_numbers_.emplace(label, static_cast<int>(footnote_numbers_.size()) + 1);
  int num = it->second;
  int& uses = footnote_uses_[num];
  ++uses;
  std::string ref_id = footnote_ref_id(num, uses);
  html() += "\u2060<sup class=\"footnote-ref\"><a href=\"#";
  hole(BodyHole::kIdPrefix);
  html() += "fn-" + std::to_string(num) + "\"";
  open_id(ref_id);
  html() += " aria-describedby=\"";
  hole(BodyHole::kIdPrefix);
  html() += "footnotes-label\">" + std::to_string(num) + "</a></sup>";
}

void Renderer::footnote_def(cmark_node* n, bool entering) {
  if (!entering) {
    footnote_back_links(footnote_defs_.back());
    footnote_defs_.pop_back();
    html() += "</li>\n";
    return;
  }
  if (!footnotes_open_) {
    footnotes_open_ = true;
    html() += "<section class=\"footnotes\">\n<h2 class=\"footnotes-title\"";
    open_id("footnotes-label");
    html() += ">";
    html_escape(env_.ui.footnotes, html());
    html() += "</h2>\n<ol>\n";
  }
  std::string label(node_literal(n));
  auto it = footnote_numbers_.find(label);
  int num = it == footnote_numbers_.end() ? static_cast<int>(footnote_numbers_.size()) + 1 : it->second;
  footnote_defs_.push_back(num);
  html() += "<li";
  open_id("fn-" + std::to_string(num));
  html() += ">\n";
  block_break();
}

// Back-links to every reference of note num, placed at the end of its last paragraph.
void Renderer::footnote_back_links(int num) {
  Sink back;
  Sink* outer = sink_;
  sink_ = &back;
  int uses = footnote_uses_.count(num) ? footnote_uses_[num] : 1;
  for (int k = 1; k <= uses; ++k) {
    html() += " <a href=\"#";
    hole(BodyHole::kIdPrefix);
    html() += footnote_ref_id(num, k);
    html() += "\" class=\"footnote-back\" aria-label=\"";
    html_escape(env_.ui.back_to_text, html());
    html() += "\">↩</a>";
  }
  sink_ = outer;
  std::string& h = html();
  size_t at = h.size() >= 5 && h.compare(h.size() - 5, 5, "</p>\n") == 0 ? h.size() - 5 : h.size();
  h.insert(at, back.html);
  // Holes before `at` stay where they are: the 5 bytes after it are "</p>\n".
  for (BodyHole& b : back.holes) {
    b.off += static_cast<uint32_t>(at);
    sink_->holes.push_back(b);
  }
}

}  // namespace

RenderedPage render_page(const Page& page, const RenderEnv& env) {
  RenderedPage out;
  Renderer(page, env, out).run();
  return out;
}

}  // namespace annalist
