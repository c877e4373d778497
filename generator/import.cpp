#include "import.h"

#include <cmark-gfm.h>

#include "inline_syntax.h"
#include "markdown.h"

namespace annalist {

namespace {

// A YAML double-quoted scalar: safe for any title (colons, quotes, '#', leading '-').
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) out += ' ';
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

// Where the subtree of refs[i] ends: the first later page not below it.
size_t subtree_end(const std::vector<PageRef>& refs, size_t i, size_t to) {
  size_t j = i + 1;
  while (j < to && refs[j].depth > refs[i].depth) ++j;
  return j;
}

// refs[from, to) as a YAML list at indent: a page with sub-pages becomes {file, pages}.
void emit_pages(const std::vector<PageRef>& refs, size_t from, size_t to, const std::string& indent,
                std::string& out) {
  for (size_t i = from; i < to;) {
    size_t end = subtree_end(refs, i, to);
    if (end == i + 1) {
      out += indent + "- " + quoted(refs[i].path) + "\n";
    } else {
      out += indent + "- file: " + quoted(refs[i].path) + "\n" + indent + "  pages:\n";
      emit_pages(refs, i + 1, end, indent + "    ", out);
    }
    i = end;
  }
}

void emit_list(const char* key, const std::vector<PageRef>& refs, std::string& out) {
  if (refs.empty()) return;
  out += std::string(key) + ":\n";
  size_t n = refs.size();
  for (size_t i = 0; i < n;) {
    if (refs[i].part.empty()) {
      size_t end = subtree_end(refs, i, n);
      emit_pages(refs, i, end, "  ", out);
      i = end;
      continue;
    }
    size_t end = i + 1;  // a part runs to the next part
    while (end < n && (refs[end].depth > 0 || refs[end].part.empty())) ++end;
    out += "  - part: " + quoted(refs[i].part) + "\n";
    size_t first = i;
    if (refs[i].part_page) out += "    file: " + quoted(refs[first++].path) + "\n";
    if (first < end) {
      out += "    chapters:\n";
      emit_pages(refs, first, end, "      ", out);
    }
    i = end;
  }
}

}  // namespace

std::string report_yml(const ImportedBook& b, const std::string& tool) {
  std::string out = "# Imported from " + tool + " by `annalist import`: the page tree below is the book's.\n";
  out += "title: " + quoted(b.title.empty() ? "Untitled book" : b.title) + "\n";
  out += "language: " + b.language + "\n";
  if (!b.author.empty()) out += "author: " + quoted(b.author) + "\n";
  if (!b.description.empty()) out += "description: " + quoted(b.description) + "\n";
  out += "allow_html: true                # the book's inline HTML, through annalist's allow-list\n";
  emit_list("front", b.front, out);
  emit_list("chapters", b.chapters, out);
  emit_list("appendices", b.appendices, out);
  return out;
}

void copy_assets(const FileSystem& fs, const std::string& src_dir, const std::string& prefix,
                 const std::vector<std::string>& skip_dirs, ImportedBook& book) {
  for (const auto& rel : fs.list_files(src_dir)) {
    std::string_view ext = std::string_view(rel).substr(std::min(rel.size(), rel.rfind('.')));
    bool skip = ext == ".md" || ext == ".qmd";
    for (const auto& d : skip_dirs) skip = skip || rel == d || rel.compare(0, d.size() + 1, d + "/") == 0;
    if (skip) continue;
    if (auto bytes = fs.read(path_join(src_dir, rel))) book.files.push_back({prefix + rel, std::move(*bytes)});
  }
}

void warn_braces(const std::string& md, const std::string& file, int first_line, Diagnostics& diags) {
  MarkdownDoc doc = parse_markdown(md);
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    InlineKind kind = inline_kind(n);  // math is no interpolation
    if (ev != CMARK_EVENT_ENTER || (kind != InlineKind::kInterpolation && kind != InlineKind::kUnclosed)) continue;
    cmark_node* block = n;  // inlines carry no position: the block holding it does
    while (cmark_node_get_start_line(block) == 0 && cmark_node_parent(block)) block = cmark_node_parent(block);
    diags.warning(node_source_pos(block, file, first_line), "a literal '{{' in the prose would be read as data",
                  "write \\{{ to show it as it is");
  }
  cmark_iter_free(it);
}

std::string import_front_matter(const std::string& slug, const std::string& title) {
  if (slug.empty() && title.empty()) return "";
  std::string fm = "---\n";
  if (!slug.empty()) fm += "slug: " + slug + "\n";
  if (!title.empty()) fm += "title: " + quoted(title) + "\n";
  return fm + "---\n\n";
}

}  // namespace annalist
