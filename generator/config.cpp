#include "config.h"

#include "yaml_util.h"

namespace annalist {

namespace {

const KeySchema kKeys = {"key", " in report.yml", "known keys",
                         {"title", "subtitle", "edition", "language", "author", "publisher", "description",
                          "base_url", "data", "number_sections", "allow_html", "highlights", "front", "chapters",
                          "appendices", "labels", "extra_css", "extra_js", "search_example",
                          "published", "updated"}};
const KeySchema kLabels = {"label", "", nullptr, {"figure", "table"}};

// extra_css / extra_js: a list of files inside the project ending in .css / .js.
void read_assets(const YAML::Node& v, const SourcePos& pos, const std::string& file, const std::string& key,
                 std::vector<AssetRef>* out, Diagnostics& diags) {
  const std::string ext = key == "extra_css" ? ".css" : ".js";
  const std::string example = key + ":\n  - theme/extra" + ext;
  if (!v.IsSequence()) {
    diags.error(pos, "'" + key + "' must be a list of " + ext + " files", example);
    return;
  }
  for (const auto& item : v) {
    SourcePos p = yaml_pos(item, file, 0);
    std::string path = item.IsScalar() ? item.Scalar() : "";
    if (path.empty()) {
      diags.error(p, "an entry of '" + key + "' must be a file path", example);
      continue;
    }
    bool outside = path[0] == '/' || path == ".." || path.rfind("../", 0) == 0 || path.find("/../") != std::string::npos ||
                   path.find('\\') != std::string::npos || path.find(':') != std::string::npos;
    if (outside) {
      diags.error(p, "'" + path + "' is not a path inside the project", "give the file's path relative to report.yml, e.g. theme/extra" + ext);
      continue;
    }
    if (path.size() <= ext.size() || path.compare(path.size() - ext.size(), ext.size(), ext) != 0) {
      diags.error(p, "'" + path + "' in '" + key + "' does not end in " + ext,
                  key == "extra_css" ? "list style sheets here and scripts under extra_js" : "list scripts here and style sheets under extra_css");
      continue;
    }
    out->push_back({path, p});
  }
}

bool read_string(const YAML::Node& v, const SourcePos& pos, const std::string& key, std::string* out,
                 Diagnostics& diags) {
  if (!v.IsScalar()) {
    diags.error(pos, "'" + key + "' must be a text value", "write it as " + key + ": \"…\"");
    return false;
  }
  *out = v.Scalar();
  return true;
}

// published / updated: an ISO date, never the build time (the site stays byte-for-byte the same).
void read_date(const YAML::Node& v, const SourcePos& pos, const std::string& key, std::string* out, Diagnostics& diags) {
  if (!read_string(v, pos, key, out, diags)) return;
  if (valid_iso_date(*out)) return;
  diags.error(pos, "'" + key + "' must be a date written YYYY-MM-DD, not '" + *out + "'",
              "e.g. " + key + ": 2023-06-30 (year, month and day, each with its leading zeros)");
  out->clear();
}

bool read_bool(const YAML::Node& v, const SourcePos& pos, const std::string& key, bool* out, Diagnostics& diags) {
  std::string s = yaml_scalar(v);
  if (s == "true" || s == "yes") *out = true;
  else if (s == "false" || s == "no") *out = false;
  else {
    diags.error(pos, "'" + key + "' must be true or false", "");
    return false;
  }
  return true;
}

const KeySchema kPageEntry = {"page entry key", " in report.yml", "page entry keys", {"file", "pages"}};
const KeySchema kPartEntry = {"part key", " in report.yml", "part keys", {"part", "file", "chapters"}};

void read_page_list(const YAML::Node& v, const SourcePos& pos, const Config& c, const std::string& key, int depth,
                    bool allow_parts, std::vector<PageRef>* out, Diagnostics& diags);

// A page with sub-pages: {file: a.md, pages: [a-1.md, a-2.md]}.
void read_page_entry(const YAML::Node& item, const SourcePos& p, const Config& c, int depth,
                     std::vector<PageRef>* out, Diagnostics& diags) {
  YAML::Node file, pages;
  SourcePos pages_pos = p;
  for (const auto& kv : item) {
    std::string k = yaml_scalar(kv.first);
    if (!check_key(kPageEntry, k, yaml_pos(kv.first, c.file, 0), diags)) continue;
    (k == "file" ? file : pages) = kv.second;
    if (k == "pages") pages_pos = yaml_pos(kv.second, c.file, 0);
  }
  if (!file || !file.IsScalar() || file.Scalar().empty()) {
    diags.error(p, "a page with sub-pages needs 'file'", "- file: chapters/03-results.md\n  pages:\n    - chapters/03-1-method.md");
    return;
  }
  out->push_back({file.Scalar(), yaml_pos(file, c.file, 0), depth});
  if (depth + 1 > kMaxPageDepth) {
    diags.error(pages_pos, "sub-pages nest at most " + std::to_string(kMaxPageDepth) + " levels deep",
                "list the deeper pages beside their parent");
    return;
  }
  if (pages) read_page_list(pages, pages_pos, c, "pages", depth + 1, false, out, diags);
}

// A part: {part: 第一篇 总论, file: parts/1.md (optional), chapters: [...]}.
void read_part(const YAML::Node& item, const SourcePos& p, const Config& c, std::vector<PageRef>* out,
               Diagnostics& diags) {
  YAML::Node title, file, chapters;
  SourcePos chapters_pos = p;
  size_t errors_before = diags.error_count();
  for (const auto& kv : item) {
    std::string k = yaml_scalar(kv.first);
    if (!check_key(kPartEntry, k, yaml_pos(kv.first, c.file, 0), diags)) continue;
    (k == "part" ? title : k == "file" ? file : chapters) = kv.second;
    if (k == "chapters") chapters_pos = yaml_pos(kv.second, c.file, 0);
  }
  if (!title.IsScalar() || title.Scalar().empty()) {
    diags.error(p, "'part' must be the part's title", "- part: 第一篇 总论\n  chapters:\n    - chapters/01-intro.md");
    return;
  }
  size_t first = out->size();
  if (!file.IsNull()) {
    if (!file.IsScalar() || file.Scalar().empty()) diags.error(yaml_pos(file, c.file, 0), "'file' must be a file path", "");
    else out->push_back({file.Scalar(), yaml_pos(file, c.file, 0), 0, "", true});
  }
  if (chapters) read_page_list(chapters, chapters_pos, c, "chapters", 0, false, out, diags);
  if (out->size() == first) {
    if (diags.error_count() == errors_before)  // not when a misspelt key is the cause
      diags.error(p, "part '" + title.Scalar() + "' has no pages", "list its chapters under 'chapters:'");
    return;
  }
  (*out)[first].part = title.Scalar();
}

void read_page_list(const YAML::Node& v, const SourcePos& pos, const Config& c, const std::string& key, int depth,
                    bool allow_parts, std::vector<PageRef>* out, Diagnostics& diags) {
  if (v.IsNull()) return;
  if (!v.IsSequence()) {
    diags.error(pos, "'" + key + "' must be a list of Markdown files", key + ":\n  - chapters/01-intro.md");
    return;
  }
  for (const auto& item : v) {
    SourcePos p = yaml_pos(item, c.file, 0);
    if (item.IsMap() && item["part"]) {
      if (!allow_parts)
        diags.error(p, "a part can only group top-level chapters", "move the part into the 'chapters' list");
      else read_part(item, p, c, out, diags);
    } else if (item.IsMap()) {
      read_page_entry(item, p, c, depth, out, diags);
    } else if (!item.IsScalar() || item.Scalar().empty()) {
      diags.error(p, "each entry of '" + key + "' must be a file path", "or a page with sub-pages: {file: a.md, pages: [...]}");
    } else {
      out->push_back({item.Scalar(), p, depth});
    }
  }
}

void read_pages(const YAML::Node& v, const SourcePos& pos, const Config& c, const std::string& key,
                std::vector<PageRef>* out, Diagnostics& diags) {
  read_page_list(v, pos, c, key, 0, key == "chapters", out, diags);
}

}  // namespace

bool valid_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool parse_config(const std::string& text, const std::string& file, const std::string& root, Config* out,
                  Diagnostics& diags) {
  Config c;
  c.file = file;
  c.data_pos = {file, 1, 1};  // the default data directory: report.yml as a whole
  c.root = root;
  size_t before = diags.error_count();
  YAML::Node doc;
  if (!parse_yaml(text, file, 0, &doc, diags)) return false;
  if (!doc.IsMap()) {
    diags.error({file, 1, 1}, "report.yml must be a mapping of settings", "start with: title: My report");
    return false;
  }
  for (const auto& kv : doc) {
    std::string key = yaml_scalar(kv.first);  // a list/mapping key is an unknown key, not a throw
    const YAML::Node& v = kv.second;
    SourcePos kpos = yaml_pos(kv.first, file, 0);
    SourcePos vpos = yaml_pos(v, file, 0);
    if (!check_key(kKeys, key, kpos, diags)) continue;
    if (key == "title") read_string(v, vpos, key, &c.title, diags);
    else if (key == "subtitle") read_string(v, vpos, key, &c.subtitle, diags);
    else if (key == "edition") read_string(v, vpos, key, &c.edition, diags);
    else if (key == "author") read_string(v, vpos, key, &c.author, diags);
    else if (key == "publisher") read_string(v, vpos, key, &c.publisher, diags);
    else if (key == "description") read_string(v, vpos, key, &c.description, diags);
    else if (key == "search_example") read_string(v, vpos, key, &c.search_example, diags);
    else if (key == "published") read_date(v, vpos, key, &c.published, diags);
    else if (key == "updated") read_date(v, vpos, key, &c.updated, diags);
    else if (key == "base_url") {
      if (read_string(v, vpos, key, &c.base_url, diags) && !c.base_url.empty() && c.base_url.back() != '/')
        c.base_url += '/';
      // It prefixes links (404.html, canonical): a javascript: or data: URL would run in the reader's browser.
      if (!c.base_url.empty() && c.base_url.compare(0, 8, "https://") != 0 && c.base_url.compare(0, 7, "http://") != 0) {
        diags.error(vpos, "base_url '" + c.base_url + "' must be an http:// or https:// address",
                    "e.g. base_url: https://example.org/report/");
        c.base_url.clear();
      }
    } else if (key == "data") {
      read_string(v, vpos, key, &c.data_dir, diags);
      c.data_pos = vpos;
    }
    else if (key == "language") {
      if (read_string(v, vpos, key, &c.language, diags) && c.language != "zh-CN" && c.language != "en")
        diags.error(vpos, "unknown language '" + c.language + "'", "use zh-CN or en");
    } else if (key == "number_sections") read_bool(v, vpos, key, &c.number_sections, diags);
    else if (key == "allow_html") read_bool(v, vpos, key, &c.allow_html, diags);
    else if (key == "front") read_pages(v, vpos, c, key, &c.front, diags);
    else if (key == "chapters") read_pages(v, vpos, c, key, &c.chapters, diags);
    else if (key == "appendices") read_pages(v, vpos, c, key, &c.appendices, diags);
    else if (key == "extra_css") read_assets(v, vpos, file, key, &c.extra_css, diags);
    else if (key == "extra_js") read_assets(v, vpos, file, key, &c.extra_js, diags);
    else if (key == "labels") {
      if (!v.IsMap()) {
        diags.error(vpos, "'labels' must be a mapping", "labels:\n  figure: \"图{chapter}-{n}\"");
        continue;
      }
      for (const auto& lk : v) {
        std::string name = yaml_scalar(lk.first);
        SourcePos p = yaml_pos(lk.first, file, 0);
        if (!check_key(kLabels, name, p, diags)) continue;
        read_string(lk.second, p, name, name == "figure" ? &c.figure_label : &c.table_label, diags);
      }
    } else if (key == "highlights") {
      if (!v.IsSequence()) {
        diags.error(vpos, "'highlights' must be a list of {label, value}", "");
        continue;
      }
      for (const auto& h : v) {
        SourcePos p = yaml_pos(h, file, 0);
        if (!h.IsMap() || !h["label"] || !h["value"]) {
          diags.error(p, "a highlight needs 'label' and 'value'", "- label: 网上零售额\n    value: \"13.79万亿元\"");
          continue;
        }
        c.highlights.push_back({yaml_scalar(h["label"]), yaml_scalar(h["value"]), yaml_pos(h["value"], file, 0)});
      }
    }
  }
  if (c.title.empty()) diags.error({file, 1, 1}, "report.yml has no 'title'", "add: title: My annual report");
  if (c.chapters.empty() && c.front.empty() && c.appendices.empty())
    diags.error({file, 1, 1}, "report.yml lists no pages", "add: chapters:\n  - chapters/01-intro.md");
  *out = std::move(c);
  return diags.error_count() == before;
}

}  // namespace annalist
