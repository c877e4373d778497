// bench/floor.cpp: the cost of Markdown alone, the floor that an annalist build is compared to.
//
// Reads every chapter .md of a corpus (PROJECT/chapters/*.md, or every *.md under the given
// directory), then parses and renders each to HTML in memory with libcmark-gfm: the GFM
// extensions table, strikethrough, autolink and tagfilter, with CMARK_OPT_FOOTNOTES, as annalist
// does. One thread, no output files. Prints the number of chapters and bytes in and out so that
// the work cannot be optimised away and the run can be checked.
//
// Build: g++ -O2 -std=c++20 bench/floor.cpp -o floor -lcmark-gfm-extensions -lcmark-gfm
// Usage: floor DIR [--repeat N]     DIR: a project (holding chapters/) or a folder of .md files
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

static std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: floor DIR [--repeat N]\n");
    return 2;
  }
  fs::path dir = argv[1];
  int repeat = 1;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  if (fs::is_directory(dir / "chapters")) dir /= "chapters";
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    std::fprintf(stderr, "floor: no .md files under %s\n", dir.c_str());
    return 1;
  }
  std::sort(files.begin(), files.end());

  cmark_gfm_core_extensions_ensure_registered();
  const char* const names[] = {"table", "strikethrough", "autolink", "tagfilter"};
  std::vector<cmark_syntax_extension*> exts;
  for (const char* n : names) {
    cmark_syntax_extension* e = cmark_find_syntax_extension(n);
    if (!e) {
      std::fprintf(stderr, "floor: extension %s missing\n", n);
      return 1;
    }
    exts.push_back(e);
  }
  const int options = CMARK_OPT_FOOTNOTES;

  size_t bytes_in = 0, bytes_out = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const auto& f : files) {
      std::string text = read_file(f);
      bytes_in += text.size();
      cmark_parser* parser = cmark_parser_new(options);
      for (auto* e : exts) cmark_parser_attach_syntax_extension(parser, e);
      cmark_parser_feed(parser, text.data(), text.size());
      cmark_node* doc = cmark_parser_finish(parser);
      char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
      bytes_out += std::strlen(html);
      std::free(html);
      cmark_node_free(doc);
      cmark_parser_free(parser);
    }
  }
  std::printf("floor: %zu chapters x %d, %zu bytes of Markdown -> %zu bytes of HTML\n", files.size(), repeat,
              bytes_in, bytes_out);
  return 0;
}
