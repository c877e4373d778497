#include "figure.h"

#include "numfmt.h"
#include "table_layout.h"
#include "text.h"

namespace annalist {

bool valid_figure_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    unsigned char u = static_cast<unsigned char>(c);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              u >= 0x80;
    if (!ok) return false;
  }
  return true;
}

std::string anchor_link(const std::string& id, const std::string& name) {
  return "<a class=\"anchor\" href=\"#" + html_escape(id) + "\" aria-label=\"" + html_escape(name) + "\"></a>";
}

void mark_caption_link(const std::string& html, ScreenOnly* screen) {
  static const std::string kEnd = "</figcaption>\n";
  if (!screen || html.size() < kEnd.size()) return;
  size_t end = html.size() - kEnd.size();
  size_t at = html.rfind("<a class=\"anchor\"", end), caption = html.rfind("<figcaption>", end);
  if (at != std::string::npos && caption != std::string::npos && at > caption) screen->push_back({at, end});
}

void mark_screen_only(const std::string& html, size_t from, ScreenOnly* screen) {
  if (screen && from < html.size()) screen->push_back({from, html.size()});
}

std::string figure_caption(const std::string& label, const std::string& title, const std::string& mark,
                           const std::string& id, const std::string& link_name) {
  std::string s = "<figcaption>";
  if (!label.empty()) s += "<span class=\"figure-label\">" + html_escape(label) + "</span>" + (title.empty() ? "" : " ");
  if (!title.empty()) s += "<span class=\"figure-title\">" + html_escape(title) + "</span>";
  if (!mark.empty()) s += " <span class=\"no-chart\">" + html_escape(mark) + "</span>";
  if (!id.empty()) s += anchor_link(id, link_name);
  s += "</figcaption>\n";
  return s;
}

std::string render_html_table(const HtmlTable& t) {
  auto num = [&](size_t c) { return c < t.numeric.size() && t.numeric[c]; };
  bool cards = stacks_as_cards(t.rows);
  std::string s = table_wrap_open(t.region);
  s += cards ? "<table class=\"data cards\">\n<thead>\n<tr>" : "<table class=\"data\">\n<thead>\n<tr>";
  for (size_t c = 0; c < t.headers.size(); ++c) {
    s += num(c) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
    html_escape(t.headers[c], s);
    s += "</th>";
  }
  s += "</tr>\n</thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    s += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) {
      bool th = c == 0 && t.row_headers;
      s += th ? "<th scope=\"row\"" : "<td";
      if (num(c)) s += " class=\"num\"";
      else if (unbreakable_cell(row[c])) s += " class=\"nowrap\"";
      if (cards && !th && c < t.headers.size()) {
        s += " data-label=\"";
        html_escape(t.headers[c], s);
        s += '"';
      }
      s += '>';
      html_escape(num(c) ? with_minus_sign(row[c]) : row[c], s);
      s += th ? "</th>" : "</td>";
    }
    s += "</tr>\n";
  }
  s += "</tbody>\n</table>\n</div>\n";
  return s;
}

}  // namespace annalist
