#include "html.h"

#include <cmark-gfm-core-extensions.h>
#include <strings.h>

#include <cstring>
#include <map>

#include "chart.h"
#include "interpolate.h"
#include "markdown.h"
#include "table_block.h"
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

namespace {

constexpr int kRefOffsetBytes = 5, kRefLengthBytes = 4;  // 6 bits each: 1 GiB, 16 MiB
constexpr size_t kRefSize = 1 + kRefOffsetBytes + kRefLengthBytes;

void put_bits(std::string& out, size_t v, int bytes) {
  for (int k = bytes - 1; k >= 0; --k) out += static_cast<char>(0x40 | ((v >> (6 * k)) & 0x3F));
}

size_t get_bits(std::string_view s, size_t at, int bytes) {
  size_t v = 0;
  for (int k = 0; k < bytes; ++k) v = (v << 6) | (static_cast<unsigned char>(s[at + k]) & 0x3F);
  return v;
}

}  // namespace

std::string search_section_text(std::string_view text, std::string_view body) {
  std::string out;
  out.reserve(text.size() * 2);
  size_t i = 0;
  while (i < text.size()) {
    size_t r = text.find(kBodyRef, i);
    out.append(text.substr(i, r - i));
    if (r == std::string_view::npos) break;
    if (r + 1 < text.size() && text[r + 1] == kBodyRef) {
      out += kBodyRef;
      i = r + 2;
    } else if (r + kRefSize <= text.size()) {
      size_t at = get_bits(text, r + 1, kRefOffsetBytes);
      size_t len = get_bits(text, r + 1 + kRefOffsetBytes, kRefLengthBytes);
      if (at <= body.size()) out.append(body.substr(at, len));
      i = r + kRefSize;
    } else {
      break;
    }
  }
  return out;
}

namespace {

std::string ui_str(const nlohmann::json& ui, const char* key) {
  auto it = ui.find(key);
  return it != ui.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Tags that GFM's tagfilter disables even when raw HTML is allowed.
void tag_filter(std::string_view s, std::string& out) {
  static const char* const kTags[] = {"title", "textarea", "style", "xmp", "iframe",
                                      "noembed", "noframes", "script", "plaintext"};
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') continue;
    if (s[i] == '<') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == '/') ++j;
      bool hit = false;
      for (const char* t : kTags) {
        size_t n = std::strlen(t);
        if (j + n <= s.size() && strncasecmp(s.data() + j, t, n) == 0 &&
            (j + n == s.size() || strchr(" \t\n\r/>", s[j + n]))) {
          hit = true;
          break;
        }
      }
      if (hit) {
        out += "&lt;";
        continue;
      }
    }
    out += s[i];
  }
}

// Links that could run code in a reader's browser are dropped.
bool dangerous_url(std::string_view url) {
  // The scheme as a browser reads it: leading C0 controls and spaces are dropped and tabs and
  // line breaks removed anywhere, so "&#1;javascript:" and "j&#9;a&#9;v…" are javascript: too.
  std::string lower;
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  for (; i < url.size() && lower.size() < 16; ++i) {
    char c = url[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') lower += static_cast<char>(tolower(static_cast<unsigned char>(c)));
  }
  auto starts = [&](const char* p) { return lower.compare(0, std::strlen(p), p) == 0; };
  if (starts("data:image/png") || starts("data:image/gif") || starts("data:image/jpeg") ||
      starts("data:image/webp"))
    return false;
  return starts("javascript:") || starts("vbscript:") || starts("file:") || starts("data:");
}

class Renderer {
 public:
  Renderer(const Page& page, const RenderEnv& env, RenderedPage& out) : page_(page), env_(env), out_(out) {
    html_.reserve(page.body().size() * 3 / 2 + 256);
  }

  void run() {
    MarkdownDoc doc = parse_markdown(page_.body());
    out_.title = page_.title;
    if (out_.title.empty()) take_title_heading(doc.get());
    if (out_.title.empty()) {
      out_.diags.error({page_.file, 1, 1}, "page has no title",
                       "add 'title:' to the front matter or start the page with '# Title'");
    }
    out_.search.push_back({"", out_.title, ""});
    render(doc.get());
    close_footnotes();
    // Every page's result is kept until the whole report is written: no slack capacity.
    html_.shrink_to_fit();
    out_.body = std::make_shared<const std::string>(std::move(html_));
    for (auto& s : out_.search) s.text.shrink_to_fit();
    out_.search.shrink_to_fit();
    out_.headings.shrink_to_fit();
    out_.figures.shrink_to_fit();
    out_.xrefs.shrink_to_fit();
  }

 private:
  SourcePos pos_of(cmark_node* n, int extra_col = 0) const {
    int line = cmark_node_get_start_line(n);
    int col = cmark_node_get_start_column(n);
    return {page_.file, line > 0 ? line + page_.body_line - 1 : 0, col > 0 ? col + extra_col : 0};
  }

  // The first # heading becomes the page title when front matter gives none.
  void take_title_heading(cmark_node* doc) {
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

  // Removes a trailing {#id} from a heading's last text node; returns the id.
  std::string strip_heading_id(cmark_node* h) {
    cmark_node* last = cmark_node_last_child(h);
    if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return {};
    std::string lit(node_literal(last));
    std::string_view t = trim(lit);
    if (t.size() < 4 || t.back() != '}') return {};
    size_t open = t.rfind("{#");
    if (open == std::string_view::npos) return {};
    std::string id(t.substr(open + 2, t.size() - open - 3));
    for (char c : id)
      if (!is_id_char(c) && c != '.' && c != ':') return {};
    std::string rest(trim(t.substr(0, open)));
    size_t lead = lit.find_first_not_of(" \t");
    cmark_node_set_literal(last, (lead && lead != std::string::npos ? lit.substr(0, lead) : "").append(rest).c_str());
    return id;
  }

  static std::string plain_text(cmark_node* n) {
    std::string s;
    cmark_iter* it = cmark_iter_new(n);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node* c = cmark_iter_get_node(it);
      if (ev != CMARK_EVENT_ENTER) continue;
      auto t = cmark_node_get_type(c);
      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) s += node_literal(c);
      else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) s += ' ';
    }
    cmark_iter_free(it);
    return s;
  }

  void search_text(std::string_view s) {
    std::string& t = out_.search.back().text;
    for (size_t r; (r = s.find(kBodyRef)) != std::string_view::npos; s.remove_prefix(r + 1)) {
      t.append(s.substr(0, r + 1));
      t += kBodyRef;
    }
    t.append(s);
  }

  // Search text s, just escaped into the body at html_[at]: a reference to the body when the
  // body holds the same bytes there (nothing was escaped) and that is shorter. Its last byte
  // stays literal, for block_break.
  void search_text_in_body(size_t at, std::string_view s) {
    if (detached_ || s.size() <= kRefSize + 4 || at >= (size_t{1} << 6 * kRefOffsetBytes) ||
        s.size() > (size_t{1} << 6 * kRefLengthBytes) || at + s.size() > html_.size() ||
        html_.compare(at, s.size(), s) != 0) {
      search_text(s);
      return;
    }
    std::string& t = out_.search.back().text;
    t += kBodyRef;
    put_bits(t, at, kRefOffsetBytes);
    put_bits(t, s.size() - 1, kRefLengthBytes);
    search_text(s.substr(s.size() - 1));
  }

  // Renders n's children into their own string instead of the body.
  std::string render_detached(cmark_node* n) {
    std::string inner;
    std::swap(inner, html_);
    ++detached_;
    render_children(n);
    --detached_;
    std::swap(inner, html_);
    return inner;
  }

  void block_break() {
    if (!out_.search.back().text.empty() && out_.search.back().text.back() != ' ') search_text(" ");
  }

  bool in_tight_list(cmark_node* para) {
    cmark_node* item = cmark_node_parent(para);
    if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
    cmark_node* list = cmark_node_parent(item);
    return list && cmark_node_get_list_tight(list);
  }

  void open_id(const std::string& id) {
    html_ += " id=\"";
    html_ += kIdMark;
    html_escape(id, html_);
    html_ += '"';
  }

  std::string unique_id(std::string id) {
    if (ids_.insert(id).second) return id;
    for (int k = 2;; ++k) {
      std::string c = id + "-" + std::to_string(k);
      if (ids_.insert(c).second) return c;
    }
  }

  std::string figure_label(bool table) {
    int& counter = table ? tables_ : figures_;
    ++counter;
    std::string fmt = table ? env_.config.table_label : env_.config.figure_label;
    if (page_.number.empty()) fmt = ui_str(env_.ui, table ? "table_label_front" : "figure_label_front");
    if (fmt.empty()) fmt = ui_str(env_.ui, table ? "table_label" : "figure_label");
    return format_label(fmt, page_.number, std::to_string(counter));
  }

  FigureText figure_text() const {
    FigureText t;
    t.source_prefix = ui_str(env_.ui, "source_prefix");
    t.unit_prefix = ui_str(env_.ui, "unit_prefix");
    t.data_table = ui_str(env_.ui, "data_table");
    t.download = ui_str(env_.ui, "download_csv");
    t.note_prefix = ui_str(env_.ui, "note_prefix");
    for (auto [key, field] : {std::pair{"other", &t.other}, {"chart_desc_series", &t.desc_series},
                              {"chart_desc_slices", &t.desc_slices}, {"list_separator", &t.list_sep}}) {
      std::string v = ui_str(env_.ui, key);
      if (!v.empty()) *field = v;
    }
    return t;
  }

  void add_figure(bool table, const std::string& id, const std::string& title, const std::string& label,
                  const SourcePos& pos) {
    std::string anchor = (table ? "tbl-" : "fig-") + id;
    if (!ids_.insert(anchor).second)
      out_.diags.error(pos, "duplicate " + std::string(table ? "table" : "figure") + " id '" + id + "' on this page",
                       "give each figure and table its own id");
    out_.figures.push_back({table, id, anchor, label, title, pos});
  }

  // ```chart, ```table and ```figure blocks.
  bool render_special_block(cmark_node* n) {
    const char* info_c = cmark_node_get_fence_info(n);
    std::string info(trim(info_c ? info_c : ""));
    if (info != "chart" && info != "table" && info != "figure") return false;
    std::string_view yaml = node_literal(n);
    SourcePos block = pos_of(n);
    SourcePos first{block.file, block.line + 1, 1};
    size_t before = out_.diags.error_count();
    std::string out;
    FigureText text = figure_text();
    if (info == "chart") {
      ChartSpec spec;
      if (parse_chart_spec(yaml, first, &spec, out_.diags)) {
        std::string label = figure_label(false);
        add_figure(false, spec.id, spec.title, label, block);
        if (const DataSet* ds = lookup_data(env_.data, spec.data, spec.data_pos.line ? spec.data_pos : first, out_.diags)) {
          out_.data_deps.insert(ds->path);
          out = render_chart_figure(spec, *ds, label, csv_href(*ds), text, out_.diags);
        }
        block_break();
        search_text(label + " " + spec.title);
      }
    } else if (info == "figure") {
      FigureSpec spec;
      if (parse_figure_spec(yaml, first, &spec, out_.diags)) {
        std::string label = figure_label(false);
        add_figure(false, spec.id, spec.title, label, block);
        out = render_placeholder_figure(spec, label, text);
        block_break();
        search_text(label + " " + spec.title + " " + spec.note);
      }
    } else {
      TableSpec spec;
      if (parse_table_spec(yaml, first, &spec, out_.diags)) {
        std::string label = figure_label(true);
        add_figure(true, spec.id, spec.caption, label, block);
        if (const DataSet* ds = lookup_data(env_.data, spec.data, spec.data_pos.line ? spec.data_pos : first, out_.diags)) {
          out_.data_deps.insert(ds->path);
          out = render_table_figure(spec, *ds, label, csv_href(*ds), text, out_.diags);
        }
        block_break();
        search_text(label + " " + spec.caption);
      }
    }
    if (out_.diags.error_count() == before) {
      // Figure ids are unique in the whole report, so they need no per-page prefix.
      html_ += out;
      if (!out.empty() && out.back() != '\n') html_ += '\n';
    }
    return true;
  }

  std::string csv_href(const DataSet& ds) const {
    if (ds.format != "csv") return {};
    return "../data/" + ds.path + ".csv";
  }

  // Text with {{ data… }} interpolations and @kind:id cross-references.
  void render_text(cmark_node* n, std::string_view lit) {
    size_t i = 0, plain = 0;
    auto flush = [&](size_t end) {
      std::string_view s = lit.substr(plain, end - plain);
      size_t at = html_.size();
      html_escape(s, html_);
      search_text_in_body(at, s);
    };
    while (i < lit.size()) {
      if (lit[i] == '{' && i + 1 < lit.size() && lit[i + 1] == '{') {
        flush(i);
        size_t e = lit.find("}}", i + 2);
        SourcePos p = pos_of(n, static_cast<int>(i));
        if (e == std::string_view::npos) {
          out_.diags.error(p, "unclosed '{{'", "close the interpolation with }}");
          plain = i = lit.size();
          break;
        }
        Interpolated v;
        if (evaluate_interpolation(trim(lit.substr(i + 2, e - i - 2)), env_.data, p, &v, out_.diags)) {
          html_ += "<span class=\"num\" data-source=\"";
          html_escape(v.data_path, html_);
          html_ += "\">";
          html_escape(v.text, html_);
          html_ += "</span>";
          search_text(v.text);
          out_.data_deps.insert(v.data_path);
        }
        plain = i = e + 2;
        continue;
      }
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

  void add_xref(std::string kind, std::string id, std::string custom, SourcePos pos) {
    std::string mark = kXrefOpen + std::to_string(out_.xrefs.size()) + kXrefClose;
    html_ += mark;
    if (custom.empty()) search_text(mark);  // the label is filled in with the search index
    out_.xrefs.push_back({std::move(kind), std::move(id), std::move(custom), std::move(pos)});
  }

  void render_heading(cmark_node* n) {
    int level = cmark_node_get_heading_level(n);
    if (level == 1) level = 2;
    std::string explicit_id = strip_heading_id(n);
    Heading h;
    h.level = level;
    h.pos = pos_of(n);
    h.text = plain_text(n);
    h.explicit_id = !explicit_id.empty();
    if (h.explicit_id && ids_.count(explicit_id))
      out_.diags.warning(h.pos, "duplicate heading id '" + explicit_id + "' on this page",
                         "a suffix was added; give each heading its own {#id}");
    h.id = unique_id(h.explicit_id ? explicit_id : slugify(h.text));
    if (env_.config.number_sections && !page_.number.empty() && (level == 2 || level == 3)) {
      if (level == 2) {
        ++sec2_;
        sec3_ = 0;
        h.number = page_.number + "." + std::to_string(sec2_);
      } else {
        ++sec3_;
        h.number = page_.number + "." + std::to_string(sec2_) + "." + std::to_string(sec3_);
      }
    }
    size_t search_size = out_.search.back().text.size();
    std::string inner = render_detached(n);
    out_.search.back().text.resize(search_size);  // the heading is the next section's title
    html_ += "<h" + std::to_string(level);
    open_id(h.id);
    html_ += '>';
    if (!h.number.empty()) html_ += "<span class=\"secno\">" + h.number + "</span> ";
    html_ += inner;
    html_ += "</h" + std::to_string(level) + ">\n";
    out_.search.push_back({h.id, (h.number.empty() ? "" : h.number + " ") + h.text, ""});
    out_.headings.push_back(std::move(h));
  }

  void render_children(cmark_node* n) {
    for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) render(c);
  }

  void render_table(cmark_node* n) {
    const GfmTypes& g = gfm_types();
    // An optional caption below: "Table: caption {#tbl:id}" / "表：…", either as the next
    // paragraph or, written on the line right after the table, as its last one-cell row.
    std::string caption, id;
    SourcePos cap_pos;
    cmark_node* caption_node = nullptr;
    auto take_caption = [&](cmark_node* holder) {
      cmark_node* t = holder ? cmark_node_first_child(holder) : nullptr;
      if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT || cmark_node_next(t)) return false;
      std::string lit(node_literal(t));
      for (const char* p : {"Table:", "表：", "表:"}) {
        if (lit.compare(0, std::strlen(p), p) != 0) continue;
        caption = std::string(trim(std::string_view(lit).substr(std::strlen(p))));
        cap_pos = pos_of(t);
        size_t open = caption.rfind("{#tbl:");
        if (open != std::string::npos && caption.back() == '}') {
          id = caption.substr(open + 6, caption.size() - open - 7);
          caption = std::string(trim(caption.substr(0, open)));
        }
        return true;
      }
      return false;
    };
    cmark_node* last_row = cmark_node_last_child(n);
    bool row_caption = false;
    if (last_row && last_row != cmark_node_first_child(n) && take_caption(cmark_node_first_child(last_row))) {
      row_caption = true;
      for (cmark_node* c = cmark_node_next(cmark_node_first_child(last_row)); c; c = cmark_node_next(c))
        row_caption = row_caption && !cmark_node_first_child(c);
      if (row_caption) caption_node = last_row;
    }
    cmark_node* next = cmark_node_next(n);
    if (!caption_node && next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH && take_caption(next)) {
      caption_node = next;
      skip_ = next;
    }
    if (caption_node) {
      std::string label = figure_label(true);
      if (id.empty()) id = page_.slug + "-t" + std::to_string(tables_);
      add_figure(true, id, caption, label, cap_pos);
      html_ += "<figure class=\"figure md-table\" id=\"tbl-";
      html_escape(id, html_);
      html_ += '"';
      html_ += ">\n<figcaption><span class=\"figno\">";
      html_escape(label, html_);
      html_ += "</span> ";
      html_escape(caption, html_);
      html_ += "</figcaption>\n";
      block_break();
      search_text(label + " " + caption + " ");
    }
    uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
    uint8_t* align = cmark_gfm_extensions_get_table_alignments(n);
    html_ += "<div class=\"table-wrap\">\n<table>\n";
    bool in_body = false;
    for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
      if (cmark_node_get_type(row) != g.table_row || row == caption_node) continue;
      bool header = cmark_gfm_extensions_get_table_row_is_header(row);
      if (header) html_ += "<thead>\n";
      else if (!in_body) {
        html_ += "<tbody>\n";
        in_body = true;
      }
      html_ += "<tr>\n";
      uint16_t col = 0;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell), ++col) {
        const char* tag = header ? "th" : "td";
        html_ += '<';
        html_ += tag;
        if (header) html_ += " scope=\"col\"";
        char a = col < ncols && align ? static_cast<char>(align[col]) : 0;
        if (a == 'r') html_ += " class=\"num\"";
        else if (a == 'c') html_ += " class=\"center\"";
        html_ += '>';
        render_children(cell);
        html_ += "</";
        html_ += tag;
        html_ += ">\n";
        search_text(" ");
      }
      html_ += "</tr>\n";
      if (header) html_ += "</thead>\n";
    }
    if (in_body) html_ += "</tbody>\n";
    html_ += "</table>\n</div>\n";
    if (caption_node) html_ += "</figure>\n";
  }

  void footnote_ref(cmark_node* n) {
    // cmark replaces a reference's literal by its number; the label is on the definition.
    cmark_node* def = footnote_definition_of(n);
    std::string label(def ? node_literal(def) : node_literal(n));
    auto [it, fresh] = footnote_numbers_.emplace(label, static_cast<int>(footnote_numbers_.size()) + 1);
    int num = it->second;
    int& uses = footnote_uses_[num];
    ++uses;
    std::string ref_id = "fnref-" + std::to_string(num) + (uses > 1 ? "-" + std::to_string(uses) : "");
    html_ += "<sup class=\"footnote-ref\"><a href=\"#";
    html_ += kIdMark;
    html_ += "fn-" + std::to_string(num) + "\"";
    open_id(ref_id);
    html_ += " aria-describedby=\"";
    html_ += kIdMark;
    html_ += "footnotes-label\">" + std::to_string(num) + "</a></sup>";
  }

  void footnote_def(cmark_node* n) {
    if (!footnotes_open_) {
      footnotes_open_ = true;
      html_ += "<section class=\"footnotes\">\n<h2 class=\"footnotes-title\"";
      open_id("footnotes-label");
      html_ += ">";
      html_escape(ui_str(env_.ui, "footnotes"), html_);
      html_ += "</h2>\n<ol>\n";
    }
    std::string label(node_literal(n));
    auto it = footnote_numbers_.find(label);
    int num = it == footnote_numbers_.end() ? static_cast<int>(footnote_numbers_.size()) + 1 : it->second;
    html_ += "<li";
    open_id("fn-" + std::to_string(num));
    html_ += ">\n";
    block_break();
    render_children(n);
    // Back-links to every reference, placed at the end of the note.
    std::string back;
    int uses = footnote_uses_.count(num) ? footnote_uses_[num] : 1;
    for (int k = 1; k <= uses; ++k) {
      back += " <a href=\"#";
      back += kIdMark;
      back += "fnref-" + std::to_string(num) + (k > 1 ? "-" + std::to_string(k) : "") +
              "\" class=\"footnote-back\" aria-label=\"" + html_escape(ui_str(env_.ui, "back_to_text")) + "\">↩</a>";
    }
    if (html_.size() >= 5 && html_.compare(html_.size() - 5, 5, "</p>\n") == 0) html_.insert(html_.size() - 5, back);
    else html_ += back;
    html_ += "</li>\n";
  }

  void close_footnotes() {
    if (footnotes_open_) html_ += "</ol>\n</section>\n";
  }

  void render_link(cmark_node* n) {
    std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
    for (const char* k : {"@fig:", "@tbl:", "@sec:", "@ch:"}) {
      if (url.compare(0, std::strlen(k), k) == 0) {
        std::string inner = render_detached(n);
        std::string kind(k + 1, std::strlen(k) - 2);
        add_xref(kind, url.substr(std::strlen(k)), inner.empty() ? " " : inner, pos_of(n));
        return;
      }
    }
    html_ += "<a href=\"";
    if (!dangerous_url(url)) {
      if (!url.empty() && url[0] == '#') {
        html_ += '#';
        html_ += kIdMark;
        html_escape(std::string_view(url).substr(1), html_);
      } else {
        html_escape(url, html_);
      }
    }
    html_ += '"';
    const char* title = cmark_node_get_title(n);
    if (title && *title) {
      html_ += " title=\"";
      html_escape(title, html_);
      html_ += '"';
    }
    html_ += '>';
    render_children(n);
    html_ += "</a>";
  }

  void render(cmark_node* n) {
    if (n == skip_) return;
    if (++depth_ > 200) {
      // cmark nests blocks without bound; so deep a tree is not a report.
      if (!depth_warned_) out_.diags.error(pos_of(n), "nesting too deep", "flatten the nested lists or quotes");
      depth_warned_ = true;
      --depth_;
      return;
    }
    const GfmTypes& g = gfm_types();
    cmark_node_type t = cmark_node_get_type(n);
    switch (t) {
      case CMARK_NODE_DOCUMENT: render_children(n); break;
      case CMARK_NODE_PARAGRAPH: {
        bool tight = in_tight_list(n);
        if (!tight) html_ += "<p>";
        render_children(n);
        if (!tight) html_ += "</p>\n";
        else if (cmark_node_next(n)) html_ += "\n";
        block_break();
        break;
      }
      case CMARK_NODE_HEADING: render_heading(n); break;
      case CMARK_NODE_BLOCK_QUOTE:
        html_ += "<blockquote>\n";
        render_children(n);
        html_ += "</blockquote>\n";
        break;
      case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        int start = cmark_node_get_list_start(n);
        html_ += ordered ? (start > 1 ? "<ol start=\"" + std::to_string(start) + "\">\n" : "<ol>\n") : "<ul>\n";
        render_children(n);
        html_ += ordered ? "</ol>\n" : "</ul>\n";
        break;
      }
      case CMARK_NODE_ITEM:
        html_ += "<li>";
        if (!in_tight_first(n)) html_ += "\n";
        render_children(n);
        html_ += "</li>\n";
        break;
      case CMARK_NODE_CODE_BLOCK:
        if (render_special_block(n)) break;
        {
          const char* info = cmark_node_get_fence_info(n);
          std::string lang(info ? info : "");
          lang = lang.substr(0, lang.find(' '));
          html_ += "<pre><code";
          if (!lang.empty()) {
            html_ += " class=\"language-";
            html_escape(lang, html_);
            html_ += '"';
          }
          html_ += '>';
          size_t at = html_.size();
          html_escape(node_literal(n), html_);
          html_ += "</code></pre>\n";
          block_break();
          search_text_in_body(at, node_literal(n));
        }
        break;
      case CMARK_NODE_HTML_BLOCK:
        if (env_.config.allow_html) tag_filter(node_literal(n), html_);
        else {
          html_ += "<p class=\"raw-html\">";
          html_escape(trim(node_literal(n)), html_);
          html_ += "</p>\n";
        }
        break;
      case CMARK_NODE_THEMATIC_BREAK: html_ += "<hr>\n"; break;
      case CMARK_NODE_TEXT: render_text(n, node_literal(n)); break;
      case CMARK_NODE_SOFTBREAK:
        html_ += '\n';
        search_text(" ");
        break;
      case CMARK_NODE_LINEBREAK: html_ += "<br>\n"; break;
      case CMARK_NODE_CODE: {
        html_ += "<code>";
        size_t at = html_.size();
        html_escape(node_literal(n), html_);
        html_ += "</code>";
        search_text_in_body(at, node_literal(n));
        break;
      }
      case CMARK_NODE_HTML_INLINE:
        if (env_.config.allow_html) tag_filter(node_literal(n), html_);
        else html_escape(node_literal(n), html_);
        break;
      case CMARK_NODE_EMPH:
        html_ += "<em>";
        render_children(n);
        html_ += "</em>";
        break;
      case CMARK_NODE_STRONG:
        html_ += "<strong>";
        render_children(n);
        html_ += "</strong>";
        break;
      case CMARK_NODE_LINK: render_link(n); break;
      case CMARK_NODE_IMAGE: {
        std::string alt = plain_text(n);
        const char* url = cmark_node_get_url(n);
        if (alt.empty())
          out_.diags.warning(pos_of(n), "image without alt text", "describe the image: ![what it shows](path)");
        html_ += "<img src=\"";
        if (url && !dangerous_url(url)) html_escape(url, html_);
        html_ += "\" alt=\"";
        html_escape(alt, html_);
        html_ += "\">";
        break;
      }
      case CMARK_NODE_FOOTNOTE_REFERENCE: footnote_ref(n); break;
      case CMARK_NODE_FOOTNOTE_DEFINITION: footnote_def(n); break;
      default:
        if (t == g.table) render_table(n);
        else if (t == g.strikethrough) {
          html_ += "<del>";
          render_children(n);
          html_ += "</del>";
        } else {
          render_children(n);
        }
    }
    --depth_;
  }

  bool in_tight_first(cmark_node* item) {
    cmark_node* list = cmark_node_parent(item);
    cmark_node* first = cmark_node_first_child(item);
    return list && cmark_node_get_list_tight(list) && first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
  }

  const Page& page_;
  const RenderEnv& env_;
  RenderedPage& out_;
  std::string html_;
  std::set<std::string> ids_;
  int sec2_ = 0, sec3_ = 0, figures_ = 0, tables_ = 0, depth_ = 0;
  int detached_ = 0;  // > 0 while html_ is not the body (search text cannot refer to it)
  bool depth_warned_ = false, footnotes_open_ = false;
  cmark_node* skip_ = nullptr;
  std::map<std::string, int> footnote_numbers_;
  std::map<int, int> footnote_uses_;
};

}  // namespace

RenderedPage render_page(const Page& page, const RenderEnv& env) {
  RenderedPage out;
  Renderer(page, env, out).run();
  return out;
}

}  // namespace annalist
