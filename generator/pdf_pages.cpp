#include "pdf_pages.h"

#include "text.h"
#include "visible_text.h"

namespace annalist {
namespace {

// The value of attribute `name` on the first <main …> of html, decoded; "" when missing.
std::string main_attribute(std::string_view html, std::string_view name) {
  size_t start = html.find("<main");
  if (start == std::string_view::npos) return {};
  size_t end = html.find('>', start);
  std::string_view tag = html.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  std::string key = " " + std::string(name) + "=\"";
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  size_t close = tag.find('"', at);
  if (close == std::string_view::npos) return {};
  return decode_entities(tag.substr(at, close - at));
}

// s as a CSS string literal: quotes, backslashes and line breaks escaped.
std::string css_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n' || c == '\r') {
      out += "\\a ";
    } else if (c == '<') {  // never "</style>" inside the style element
      out += "\\3c ";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string fill_page(const std::string& pattern, const std::string& page) {
  std::string out = pattern;
  for (size_t at = out.find("{page}"); at != std::string::npos; at = out.find("{page}", at + page.size()))
    out.replace(at, 6, page);
  return out;
}

}  // namespace

PrintMeta read_print_meta(std::string_view html) {
  return {main_attribute(html, "data-pdf-title"), main_attribute(html, "data-pdf-author"),
          main_attribute(html, "data-page-ref")};
}

AnchorPages parse_pdfinfo_dests(std::string_view text) {
  // Lines like:    12 [ XYZ    0  842 null      ] "overview--top"
  AnchorPages pages;
  for (const std::string& line : split(text, '\n')) {
    std::string_view l = trim(line);
    size_t digits = 0;
    while (digits < l.size() && is_ascii_digit(l[digits])) ++digits;
    size_t open = l.find("] \"");
    if (digits == 0 || open == std::string_view::npos || l.back() != '"') continue;
    std::string name(l.substr(open + 3, l.size() - open - 4));
    int page = std::stoi(std::string(l.substr(0, digits)));
    pages.emplace(std::move(name), page);  // the first destination of a name counts
  }
  return pages;
}

std::string page_number_css(const AnchorPages& pages, const std::string& page_ref) {
  if (pages.empty()) {
    std::string css = ".print-toc a{--page:\"000\"}";
    if (!page_ref.empty()) css += "\n.print a.xref{--page-ref:" + css_string(fill_page(page_ref, "000")) + "}";
    return css + "\n";
  }
  std::string css;
  for (const auto& [name, page] : pages) {
    std::string number = std::to_string(page);
    css += "a[href=" + css_string("#" + name) + "]{--page:" + css_string(number);
    if (!page_ref.empty()) css += ";--page-ref:" + css_string(fill_page(page_ref, number));
    css += "}\n";
  }
  return css;
}

std::string with_style(std::string_view html, std::string_view css) {
  std::string style = "<style>\n" + std::string(css) + "</style>\n";
  size_t at = html.find("</head>");
  if (at == std::string_view::npos) at = 0;
  std::string out(html.substr(0, at));
  out += style;
  out += html.substr(at);
  return out;
}

}  // namespace annalist
