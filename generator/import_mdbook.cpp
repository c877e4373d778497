// `annalist import mdbook`: book.toml + src/SUMMARY.md → report.yml, pages copied with mdBook's
// {{#include}} family expanded (mdBook does that to the raw text before Markdown, and so do we).
#include <cmark-gfm.h>

#include <map>

#include "import.h"
#include "markdown.h"
#include "source_link.h"
#include "text.h"

namespace annalist {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// A TOML string value ("…" with escapes, or '…'), or every string of an array of them, joined.
std::string toml_strings(std::string_view v) {
  std::string out, cur;
  for (size_t i = 0; i < v.size(); ++i) {
    char q = v[i];
    if (q != '"' && q != '\'') continue;
    cur.clear();
    for (++i; i < v.size() && v[i] != q; ++i) {
      if (q == '"' && v[i] == '\\' && i + 1 < v.size()) {
        char e = v[++i];
        cur += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        cur += v[i];
      }
    }
    out += (out.empty() ? "" : ", ") + cur;
  }
  return out;
}

// book.toml's [book] table, key -> value text (strings unquoted, arrays joined with ", ").
std::map<std::string, std::string> book_table(const std::string& toml) {
  std::map<std::string, std::string> out;
  bool in_book = false;
  size_t at = 0;
  while (at < toml.size()) {
    size_t nl = toml.find('\n', at);
    std::string line = trim(std::string_view(toml).substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    at = nl == std::string::npos ? toml.size() : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      in_book = line == "[book]";
      continue;
    }
    size_t eq = line.find('=');
    if (!in_book || eq == std::string::npos) continue;
    out[trim(std::string_view(line).substr(0, eq))] = toml_strings(std::string_view(line).substr(eq + 1));
  }
  return out;
}

std::string language_of(const std::string& lang) {
  return lang.rfind("zh", 0) == 0 ? "zh-CN" : "en";
}

struct Listed {
  std::string path, title;  // relative to src/, as SUMMARY.md writes it
  SourcePos pos;
};

// Reads SUMMARY.md's tree: prefix chapters (front), numbered chapters under part titles, suffix
// chapters (appendices). Draft chapters (no file) are left out with a note.
class SummaryReader {
 public:
  SummaryReader(const std::string& file, ImportedBook& book, std::vector<Listed>& pages, Diagnostics& diags)
      : file_(file), book_(book), pages_(pages), diags_(diags) {}

  void read(cmark_node* doc) {
    bool seen_list = false, first = true;
    std::string part;
    for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n), first = false) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
          if (!first) part = plain_text(n);  // the first heading is the summary's own title
          break;
        case CMARK_NODE_PARAGRAPH:
          for (cmark_node* l = cmark_node_first_child(n); l; l = cmark_node_next(l))
            if (cmark_node_get_type(l) == CMARK_NODE_LINK) add(l, 0, seen_list ? book_.appendices : book_.front, "");
          break;
        case CMARK_NODE_LIST:
          seen_list = true;
          list(n, 0, part);
          part.clear();
          break;
        default:
          break;
      }
    }
  }

 private:
  void list(cmark_node* l, int depth, std::string part) {
    for (cmark_node* item = cmark_node_first_child(l); item; item = cmark_node_next(item)) {
      for (cmark_node* b = cmark_node_first_child(item); b; b = cmark_node_next(b)) {
        if (cmark_node_get_type(b) == CMARK_NODE_LIST) {
          list(b, std::min(depth + 1, kMaxPageDepth), "");
        } else if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH) {
          cmark_node* link = cmark_node_first_child(b);
          while (link && cmark_node_get_type(link) != CMARK_NODE_LINK) link = cmark_node_next(link);
          if (link && add(link, depth, book_.chapters, part)) part.clear();
        }
      }
    }
  }

  bool add(cmark_node* link, int depth, std::vector<PageRef>& list, const std::string& part) {
    const char* url = cmark_node_get_url(link);
    SourcePos pos = node_source_pos(link, file_, 1);
    std::string title = plain_text(link);
    if (!url || !*url) {
      diags_.note(pos, "draft chapter '" + title + "' has no file and was left out", "");
      return false;
    }
    std::string path = url;
    if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
    list.push_back({path, pos, depth, part});
    pages_.push_back({path, title, pos});
    return true;
  }

  std::string file_;
  ImportedBook& book_;
  std::vector<Listed>& pages_;
  Diagnostics& diags_;
};

// Lines [from, to] (1-based, 0 = open end) or the lines between ANCHOR: name and ANCHOR_END:
// name; lines naming an anchor are dropped, as mdBook does.
std::string select_lines(const std::string& text, const std::string& sel, bool* found) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    at = nl == std::string::npos ? text.size() : nl + 1;
  }
  size_t from = 1, to = lines.size();
  std::string anchor;
  *found = true;
  if (!sel.empty() && (std::isdigit(static_cast<unsigned char>(sel[0])) || sel[0] == ':')) {
    size_t colon = sel.find(':');
    std::string a = sel.substr(0, colon), b = colon == std::string::npos ? a : sel.substr(colon + 1);
    if (!a.empty()) from = std::stoul(a.substr(0, 9));
    if (!b.empty()) to = std::min(to, static_cast<size_t>(std::stoul(b.substr(0, 9))));
  } else if (!sel.empty()) {
    anchor = sel;
    *found = false;
  }
  std::string out;
  bool inside = anchor.empty();
  for (size_t i = from; i <= to && i <= lines.size(); ++i) {
    const std::string& line = lines[i - 1];
    if (line.find("ANCHOR:") != std::string::npos || line.find("ANCHOR_END:") != std::string::npos) {
      if (!anchor.empty() && line.find("ANCHOR: " + anchor) != std::string::npos) inside = *found = true;
      if (!anchor.empty() && line.find("ANCHOR_END: " + anchor) != std::string::npos) inside = false;
      continue;
    }
    if (inside) out += line + "\n";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

struct Expander {
  const FileSystem& fs;
  std::string root;  // the book directory: includes may not leave it
  Diagnostics& diags;

  // text with {{#include}}, {{#rustdoc_include}} and {{#playground}} replaced by the files' lines.
  std::string expand(const std::string& text, const std::string& dir, const std::string& file, int level) {
    std::string out;
    size_t at = 0, line = 1, counted = 0;
    for (size_t open; (open = text.find("{{#", at)) != std::string::npos;) {
      size_t close = text.find("}}", open);
      if (close == std::string::npos) break;
      for (; counted < open; ++counted) line += text[counted] == '\n';
      SourcePos pos{file, static_cast<int>(line), static_cast<int>(open - text.rfind('\n', open))};
      out.append(text, at, open - at);
      at = close + 2;
      std::string inner = trim(std::string_view(text).substr(open + 3, close - open - 3));
      size_t sp = inner.find_first_of(" \t");
      std::string directive = inner.substr(0, sp), arg = sp == std::string::npos ? "" : trim(inner.substr(sp));
      if (directive == "title") {
        diags.note(pos, "mdBook's {{#title}} was left out", "the page title comes from its first # heading");
        continue;
      }
      if (directive != "include" && directive != "rustdoc_include" && directive != "playground") {
        diags.warning(pos, "mdBook directive {{#" + directive + "}} is not supported and was left out", "");
        continue;
      }
      arg = arg.substr(0, arg.find_first_of(" \t"));
      size_t colon = arg.find(':');
      std::string path = lexically_normal(path_join(dir, arg.substr(0, colon))), why;
      auto bytes = level < 8 ? fs.read_input(root, path, &why) : std::nullopt;
      if (!bytes) {
        diags.warning(pos, "cannot include '" + arg.substr(0, colon) + "': " + (why.empty() ? "includes nest too deep" : why),
                      "the directive was left out");
        continue;
      }
      bool found = true;
      std::string part = select_lines(*bytes, colon == std::string::npos ? "" : arg.substr(colon + 1), &found);
      if (!found) diags.warning(pos, "anchor '" + arg.substr(colon + 1) + "' not found in " + arg.substr(0, colon), "");
      out += expand(part, path_dir(path), path, level + 1);
    }
    out.append(text, at);
    return out;
  }
};

// True when the Markdown starts with a level-1 heading (the page's own title).
bool has_own_title(const std::string& md) {
  MarkdownDoc doc = parse_markdown(md);
  cmark_node* first = cmark_node_first_child(doc.get());
  return first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1;
}

}  // namespace

std::vector<ScaffoldFile> import_mdbook(const std::string& book_dir, const FileSystem& fs, Diagnostics& diags) {
  ImportedBook book;
  auto toml = fs.read(path_join(book_dir, "book.toml"));
  auto table = toml ? book_table(*toml) : std::map<std::string, std::string>{};
  book.title = table["title"];
  book.author = table["authors"];
  book.description = table["description"];
  book.language = language_of(table["language"]);
  std::string src = table["src"].empty() ? "src" : table["src"];
  if (!path_is_contained(src)) src = "src";
  std::string summary_file = path_join(path_join(book_dir, src), "SUMMARY.md");
  auto summary = fs.read(summary_file);
  if (!summary) {
    diags.error({summary_file, 0, 0}, "not an mdBook book: " + summary_file + " not found",
                "give the directory that holds book.toml and src/SUMMARY.md");
    return {};
  }
  std::vector<Listed> pages;
  SummaryReader(summary_file, book, pages, diags).read(parse_markdown(*summary).get());
  for (auto* list : {&book.front, &book.chapters, &book.appendices})
    for (auto& ref : *list) ref.path = src + "/" + ref.path;
  // Slugs come from file names: two README.md in different folders would clash.
  std::map<std::string, int> stems;
  auto stem_of = [](const std::string& p) {
    std::string s = p.substr(p.rfind('/') + 1);
    return slugify(s.substr(0, s.rfind('.')));
  };
  for (const auto& p : pages) ++stems[stem_of(p.path)];
  Expander ex{fs, book_dir, diags};
  std::map<std::string, bool> done;
  for (const auto& p : pages) {
    if (done[p.path]) continue;
    done[p.path] = true;
    std::string path = path_join(path_join(book_dir, src), p.path), why;
    auto text = path_is_contained(p.path) ? fs.read_input(book_dir, path, &why) : std::nullopt;
    if (!text) {
      diags.error(p.pos, "chapter file '" + p.path + "' " + (why.empty() ? "leaves the book" : why), "fix SUMMARY.md");
      continue;
    }
    std::string body = ex.expand(*text, path_dir(path), path, 0);
    std::string slug = stems[stem_of(p.path)] > 1 ? slugify(p.path.substr(0, p.path.rfind('.'))) : "";
    std::string front = import_front_matter(slug, has_own_title(body) ? "" : p.title);
    warn_braces(body, path, 1, diags);
    book.files.push_back({src + "/" + p.path, front + body});
  }
  copy_assets(fs, path_join(book_dir, src), src + "/", {}, book);
  std::vector<ScaffoldFile> files{{"report.yml", report_yml(book, "an mdBook book")}};
  for (auto& f : book.files) files.push_back(std::move(f));
  return files;
}

}  // namespace annalist
