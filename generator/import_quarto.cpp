// `annalist import quarto`: _quarto.yml's book → report.yml; .qmd pages → Markdown pages with
// Quarto's cross-reference spelling mapped to annalist's. Text is rewritten line by line outside
// the code blocks cmark finds (and outside `code spans`), never inside code.
#include <cmark-gfm.h>

#include <map>
#include <set>

#include "import.h"
#include "markdown.h"
#include "text.h"
#include "yaml_util.h"

namespace annalist {

namespace {

bool ends_with(const std::string& s, std::string_view end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

bool is_page_file(const std::string& p) { return ends_with(p, ".qmd") || ends_with(p, ".md"); }

std::string md_path(const std::string& p) { return ends_with(p, ".qmd") ? p.substr(0, p.size() - 4) + ".md" : p; }

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
         static_cast<unsigned char>(c) >= 0x80;
}

struct PageRewriter {
  std::string file;  // for diagnostics
  Diagnostics& diags;
  const std::map<std::string, std::string>& page_ids;  // a page title's {#sec-x} -> the page's slug
  bool cited = false;

  // One prose line: references, labels, links to .qmd, shortcodes.
  std::string line(const std::string& in, int line_no) {
    std::string out;
    for (size_t i = 0; i < in.size();) {
      if (in[i] == '`') {  // a code span: copied as it is
        size_t run = in.find_first_not_of('`', i), close = in.find(in.substr(i, run - i), run);
        size_t end = close == std::string::npos ? in.size() : close + (run - i);
        out.append(in, i, end - i);
        i = end;
      } else if (in.compare(i, 3, "{{<") == 0) {
        size_t close = in.find(">}}", i);
        size_t end = close == std::string::npos ? in.size() : close + 3;
        diags.warning({file, line_no, static_cast<int>(i + 1)}, "Quarto shortcode " + in.substr(i, end - i) + " was left out", "");
        i = end;
      } else if (in[i] == '@' && (i == 0 || !word_char(in[i - 1]))) {
        i = reference(in, i, line_no, out);
      } else if (in.compare(i, 6, "{#fig-") == 0 || in.compare(i, 6, "{#tbl-") == 0) {
        size_t close = in.find('}', i);
        size_t id_end = in.find_first_of(" }", i + 6);
        if (close == std::string::npos) {
          out += in[i++];
          continue;
        }
        if (id_end < close)
          diags.note({file, line_no, static_cast<int>(id_end + 2)}, "attributes after the label were left out: " + in.substr(id_end + 1, close - id_end - 1), "");
        out += "{#" + in.substr(i + 2, 3) + ":" + in.substr(i + 6, id_end - i - 6) + "}";
        i = close + 1;
      } else if (in.compare(i, 2, "](") == 0) {
        size_t end = in.find_first_of(")# ", i + 2);
        std::string target = in.substr(i + 2, end == std::string::npos ? std::string::npos : end - i - 2);
        out += "](" + (target.find("://") == std::string::npos ? md_path(target) : target);
        i += 2 + target.size();
      } else {
        out += in[i++];
      }
    }
    return out;
  }

  // @fig-x → @fig:x, @tbl-x → @tbl:x, @sec-x → @sec:sec-x (the heading keeps its id); other @keys
  // are citations, which annalist does not have.
  size_t reference(const std::string& in, size_t at, int line_no, std::string& out) {
    size_t end = at + 1;
    while (end < in.size() && word_char(in[end])) ++end;
    while (end > at + 1 && (in[end - 1] == '.' || in[end - 1] == '-')) --end;  // "see @fig-a." ends at a
    std::string key = in.substr(at + 1, end - at - 1);
    std::string kind = key.substr(0, 4);
    if (kind == "fig-" || kind == "tbl-") out += "@" + key.substr(0, 3) + ":" + key.substr(4);
    else if (auto p = page_ids.find(key); kind == "sec-" && p != page_ids.end()) out += "@ch:" + p->second;
    else if (kind == "sec-") out += "@sec:" + key;
    else {
      out += in.substr(at, end - at);
      if (!key.empty() && !cited) {
        diags.note({file, line_no, static_cast<int>(at + 1)}, "citation @" + key + " is kept as text (annalist has no bibliography)", "");
        cited = true;
      }
    }
    return end;
  }

  // The page body: prose lines rewritten, code blocks kept, executable chunks made plain code.
  std::string body(const std::string& md, int first_line) {
    std::set<int> code_lines;  // lines (1-based in md) inside code blocks
    std::map<int, std::string> fences;  // an executable chunk's opening line -> its new fence
    MarkdownDoc doc = parse_markdown(md);
    cmark_iter* it = cmark_iter_new(doc.get());
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it);
      if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK) continue;
      int from = cmark_node_get_start_line(n), to = cmark_node_get_end_line(n);
      for (int l = from; l <= to; ++l) code_lines.insert(l);
      std::string info = cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "";
      if (info.size() > 1 && info[0] == '{') {
        std::string lang = info.substr(1, info.find_first_of(" ,}") - 1);
        fences[from] = lang;
        diags.note({file, from + first_line - 1, 1}, "the {" + lang + "} code chunk is shown as code, not run", "");
      }
    }
    cmark_iter_free(it);
    std::string out;
    int no = 0;
    for (size_t at = 0; at < md.size();) {
      size_t nl = md.find('\n', at);
      std::string text = md.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
      at = nl == std::string::npos ? md.size() : nl + 1;
      ++no;
      if (auto f = fences.find(no); f != fences.end()) {
        size_t ticks = text.find_first_not_of(" `~");
        out += text.substr(0, ticks) + f->second;
      } else {
        out += code_lines.count(no) ? text : line(text, no + first_line - 1);
      }
      if (nl != std::string::npos) out += '\n';
    }
    return out;
  }
};

// Splits off a page's front matter; returns the title it gives, notes the keys left out.
std::string split_front_matter(const std::string& text, const std::string& file, std::string* body, int* body_line,
                               Diagnostics& diags) {
  *body = text;
  *body_line = 1;
  if (text.compare(0, 4, "---\n") != 0) return "";
  size_t end = text.find("\n---", 3);
  if (end == std::string::npos) return "";
  size_t after = text.find('\n', end + 4);
  *body = after == std::string::npos ? "" : text.substr(after + 1);
  *body_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(after, text.size()), '\n')) + 1;
  YAML::Node fm;
  Diagnostics ignored;
  if (!parse_yaml(std::string_view(text).substr(4, end - 3), file, 1, &fm, ignored) || !fm.IsMap()) return "";
  std::string title, dropped;
  for (const auto& kv : fm) {
    std::string k = yaml_scalar(kv.first);
    if (k == "title") title = yaml_scalar(kv.second);
    else dropped += (dropped.empty() ? "" : ", ") + k;
  }
  if (!dropped.empty()) diags.note({file, 1, 1}, "front matter keys left out: " + dropped, "");
  return title;
}

std::string authors(const YAML::Node& a) {
  if (a.IsScalar()) return a.Scalar();
  std::string out;
  if (a.IsSequence())
    for (const auto& x : a) {
      std::string name = x.IsMap() ? yaml_scalar(x["name"]) : yaml_scalar(x);
      if (!name.empty()) out += (out.empty() ? "" : ", ") + name;
    }
  return out;
}

struct QuartoReader {
  const std::string& dir;
  const FileSystem& fs;
  Diagnostics& diags;
  std::string config_file;
  ImportedBook book;
  std::vector<std::pair<std::string, SourcePos>> pages;  // every listed page, in order

  // A page entry of chapters/appendices; parts only at the top of chapters.
  void list(const YAML::Node& v, std::vector<PageRef>& out, bool allow_parts) {
    if (!v.IsSequence()) return;
    for (const auto& item : v) {
      SourcePos pos = yaml_pos(item, config_file, 0);
      if (item.IsScalar()) {
        add(item.Scalar(), pos, out, "", false);
      } else if (item.IsMap() && item["part"] && allow_parts) {
        std::string part = yaml_scalar(item["part"]);
        size_t first = out.size();
        if (is_page_file(part)) add(part, pos, out, "", true);  // the part's own page
        list(item["chapters"], out, false);
        if (out.size() > first) {
          out[first].part = is_page_file(part) ? title_of(part) : part;
        }
      } else {
        diags.warning(pos, "this chapters entry is not a file or a part and was left out", "");
      }
    }
  }

  void add(const std::string& path, const SourcePos& pos, std::vector<PageRef>& out, const std::string& part,
           bool part_page) {
    if (!is_page_file(path)) {
      diags.note(pos, "'" + path + "' is not a .qmd or .md page and was left out", "");
      return;
    }
    out.push_back({md_path(path), pos, 0, part, part_page});
    pages.push_back({path, pos});
  }

  std::string title_of(const std::string& path) {
    auto text = fs.read(path_join(dir, path));
    std::string body;
    int line = 1;
    Diagnostics quiet;
    std::string t = text ? split_front_matter(*text, path, &body, &line, quiet) : "";
    if (!t.empty()) return t;
    MarkdownDoc doc = parse_markdown(body);  // else the page's # heading, without {attributes}
    cmark_node* first = cmark_node_first_child(doc.get());
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1) {
      t = plain_text(first);
      t = t.substr(0, t.find(" {"));
    }
    return t.empty() ? path.substr(0, path.rfind('.')) : t;
  }
};

}  // namespace

std::vector<ScaffoldFile> import_quarto(const std::string& project_dir, const FileSystem& fs, Diagnostics& diags) {
  QuartoReader r{project_dir, fs, diags, path_join(project_dir, "_quarto.yml"), {}, {}};
  auto text = fs.read(r.config_file);
  YAML::Node doc;
  if (!text) {
    diags.error({r.config_file, 0, 0}, "not a Quarto project: " + r.config_file + " not found",
                "give the directory that holds _quarto.yml");
    return {};
  }
  if (!parse_yaml(*text, r.config_file, 0, &doc, diags)) return {};
  YAML::Node book = doc.IsMap() ? doc["book"] : YAML::Node();
  if (!book.IsMap() || !book["chapters"]) {
    diags.error({r.config_file, 1, 1}, "_quarto.yml has no book: chapters:", "only Quarto books can be imported");
    return {};
  }
  r.book.title = yaml_scalar(book["title"]);
  r.book.author = authors(book["author"]);
  r.book.description = yaml_scalar(book["description"]);
  r.book.language = yaml_scalar(doc["lang"]).rfind("zh", 0) == 0 ? "zh-CN" : "en";
  r.list(book["chapters"], r.book.chapters, true);
  r.list(book["appendices"], r.book.appendices, false);
  // index.qmd opens a Quarto book unnumbered: a front page here.
  if (!r.book.chapters.empty() && r.book.chapters[0].path == "index.md" && r.book.chapters[0].part.empty()) {
    r.book.front.push_back(r.book.chapters[0]);
    r.book.chapters.erase(r.book.chapters.begin());
  }
  // A page's title heading with {#sec-x}: @sec-x names the page (annalist's @ch:slug).
  std::map<std::string, std::string> page_ids;
  for (const auto& [path, pos] : r.pages) {
    auto page = fs.read(path_join(project_dir, path));
    std::string body;
    int line = 1;
    Diagnostics quiet;
    if (!page) continue;
    split_front_matter(*page, path, &body, &line, quiet);
    MarkdownDoc doc = parse_markdown(body);
    cmark_node* first = cmark_node_first_child(doc.get());
    if (!first || cmark_node_get_type(first) != CMARK_NODE_HEADING || cmark_node_get_heading_level(first) != 1) continue;
    std::string text = plain_text(first);
    size_t id = text.find("{#sec-");
    if (id == std::string::npos) continue;
    std::string stem = path.substr(path.rfind('/') + 1);
    page_ids[text.substr(id + 2, text.find_first_of(" }", id) - id - 2)] = slugify(stem.substr(0, stem.rfind('.')));
  }
  std::set<std::string> done;
  for (const auto& [path, pos] : r.pages) {
    if (!done.insert(path).second) continue;
    std::string why, body;
    auto page = path_is_contained(path) ? fs.read_input(project_dir, path_join(project_dir, path), &why) : std::nullopt;
    if (!page) {
      diags.error(pos, "page '" + path + "' " + (why.empty() ? "leaves the project" : why), "fix _quarto.yml");
      continue;
    }
    std::string file = path_join(project_dir, path);
    int body_line = 1;
    std::string title = split_front_matter(*page, file, &body, &body_line, diags);
    PageRewriter rw{file, diags, page_ids};
    std::string md = rw.body(body, body_line);
    warn_braces(md, file, body_line, diags);
    r.book.files.push_back({md_path(path), import_front_matter("", title) + md});
  }
  copy_assets(fs, project_dir, "", {"_book", "_freeze", ".quarto", "_site", "_quarto.yml"}, r.book);
  std::vector<ScaffoldFile> files{{"report.yml", report_yml(r.book, "a Quarto book")}};
  for (auto& f : r.book.files) files.push_back(std::move(f));
  return files;
}

}  // namespace annalist
