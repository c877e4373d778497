#include "citation.h"

#include <sstream>

namespace annalist {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// "a" + sep + "b", leaving out empty parts.
std::string join(std::initializer_list<std::string> parts, const std::string& sep) {
  std::string s;
  for (const auto& p : parts)
    if (!p.empty()) s += (s.empty() ? "" : sep) + p;
  return s;
}

std::string year_of(const std::string& iso) { return iso.size() >= 4 ? iso.substr(0, 4) : ""; }

// GB/T 7714-2015: 作者. 题名[R]. 出版者, 年. URL — a page: 作者. 篇名[R]//报告题名. 出版者, 年. URL
// ([R/OL] when the report is online).
std::string cite_zh(const Config& c, const CitedWork& w) {
  std::string type = w.url.empty() ? "[R]" : "[R/OL]";
  std::string title = w.page_title.empty() ? c.title + type : w.page_title + type + "//" + c.title;
  std::string where = join({c.publisher, year_of(c.published)}, ", ");
  return join({c.author.empty() ? "" : c.author + ".", title + ".", where.empty() ? "" : where + ".", w.url}, " ");
}

// APA-like: Author. (2023). Title. Publisher. URL — a page: Author. (2023). Page. In Title. Publisher. URL
// The publisher is left out when it is the author; "n.d." when there is no date.
std::string cite_en(const Config& c, const CitedWork& w) {
  std::string year = c.published.empty() ? "n.d." : year_of(c.published);
  std::string who = c.author.empty() ? "" : c.author + (c.author.back() == '.' ? "" : ".");
  std::string what = w.page_title.empty() ? c.title + "." : w.page_title + ". In " + c.title + ".";
  std::string publisher = c.publisher.empty() || c.publisher == c.author ? "" : c.publisher + ".";
  return join({who, "(" + year + ").", what, publisher, w.url}, " ");
}

}  // namespace

std::string format_date(const std::string& iso, const UiStrings& ui) {
  if (!valid_iso_date(iso)) return iso;
  int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  std::string month_name = std::to_string(month);
  std::istringstream names(ui.month_names);
  std::string name;
  for (int i = 1; names >> name; ++i)
    if (i == month) month_name = name;
  std::string s = ui.date_format;
  if (s.empty()) return iso;
  replace_all(s, "{year}", iso.substr(0, 4));
  replace_all(s, "{month}", month_name);
  replace_all(s, "{day}", std::to_string(day));
  return s;
}

std::string citation_text(const Config& c, const CitedWork& w) {
  return c.language == "en" ? cite_en(c, w) : cite_zh(c, w);
}

nlohmann::json citation_context(const Config& c, const CitedWork& w) {
  std::string date = c.published;
  replace_all(date, "-", "/");  // Google Scholar reads 2023/06/30
  return {{"title", w.page_title.empty() ? c.title : w.page_title},
          {"inbook_title", w.page_title.empty() ? "" : c.title},
          {"author", c.author},
          {"publisher", c.publisher},
          {"date", date},
          {"iso_date", c.published},
          {"modified", c.updated},
          {"language", c.language},
          {"url", w.url},
          {"text", citation_text(c, w)}};
}

}  // namespace annalist
