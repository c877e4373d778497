// `annalist import mdbook`: the page tree, includes, slugs and titles; a 100+ page book imports
// and builds with no error and no warning.
#include <catch2/catch.hpp>

#include <sstream>

#include "commands.h"
#include "import.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {

std::string file_of(const std::vector<ScaffoldFile>& files, const std::string& path) {
  for (const auto& f : files)
    if (f.path == path) return f.content;
  return "<missing " + path + ">";
}

std::string printed(const Diagnostics& d) {
  std::ostringstream s;
  print_diagnostics(d, s);
  return s.str();
}

}  // namespace

TEST_CASE("mdbook: SUMMARY.md's prefix, parts, nesting and suffix become report.yml", "[import]") {
  MemoryFileSystem fs;
  put_files(fs, {{"b/book.toml", "[book]\ntitle = \"A \\\"Small\\\" Book: notes\"\nauthors = [\"Ann\", \"Bo\"]\n"
                                 "language = \"zh-CN\"\n[output.html]\ntitle = \"not this\"\n"},
                 {"b/src/SUMMARY.md", "# Summary\n\n[Intro](intro.md)\n\n# Basics\n\n- [One](one.md)\n"
                                      "    - [One A](one/a.md)\n        - [One A x](one/ax.md)\n- [Draft]()\n\n"
                                      "# More\n\n1. [Two](two.md)\n\n---\n\n[Thanks](thanks.md)\n"},
                 {"b/src/intro.md", "# Intro\n"}, {"b/src/one.md", "# One\n"}, {"b/src/one/a.md", "# One A\n"},
                 {"b/src/one/ax.md", "# x\n"}, {"b/src/two.md", "# Two\n"}, {"b/src/thanks.md", "# Thanks\n"}});
  Diagnostics d;
  auto files = import_mdbook("b", fs, d);
  CHECK_FALSE(d.has_errors());
  CHECK(file_of(files, "report.yml") ==
        "# Imported from an mdBook book by `annalist import`: the page tree below is the book's.\n"
        "title: \"A \\\"Small\\\" Book: notes\"\nlanguage: zh-CN\nauthor: \"Ann, Bo\"\n"
        "allow_html: true                # the book's inline HTML, through annalist's allow-list\n"
        "front:\n  - \"src/intro.md\"\n"
        "chapters:\n  - part: \"Basics\"\n    chapters:\n      - file: \"src/one.md\"\n        pages:\n"
        "          - file: \"src/one/a.md\"\n            pages:\n              - \"src/one/ax.md\"\n"
        "  - part: \"More\"\n    chapters:\n      - \"src/two.md\"\n"
        "appendices:\n  - \"src/thanks.md\"\n");
  CHECK(printed(d).find("src/SUMMARY.md:10:3: note: draft chapter 'Draft' has no file and was left out") !=
        std::string::npos);
}

TEST_CASE("mdbook: includes by line range and anchor, nested; what cannot be carried over is located", "[import]") {
  MemoryFileSystem fs;
  put_files(fs, {{"b/src/SUMMARY.md", "- [Code](code.md)\n- [Guide](guide/README.md)\n- [Ref](ref/README.md)\n"
                                      "- [Gone](gone.md)\n"},
                 {"b/src/code.md", "# Code\n\n```rust\n{{#include ../l/main.rs:body}}\n```\n\n"
                                   "```rust\n{{#rustdoc_include ../l/main.rs:1:1}}\n```\n\n{{#include ../l/all.md}}\n\n"
                                   "{{#include ../l/main.rs:nowhere}}\n{{#include ../l/none.rs}}\n{{#template x.md}}\n"},
                 {"b/l/main.rs", "fn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n"},
                 {"b/l/all.md", "Included prose, with {{#include main.rs:3}} inside.\n"},
                 {"b/src/guide/README.md", "No title heading here.\n"},
                 {"b/src/ref/README.md", "# Reference\n\nA literal {{ x }} in prose; `{{ y }}` in code is fine.\n"}});
  Diagnostics d;
  auto files = import_mdbook("b", fs, d);
  std::string code = file_of(files, "src/code.md");
  CHECK(code.find("```rust\n    run();\n```") != std::string::npos);
  CHECK(code.find("```rust\nfn main() {\n```") != std::string::npos);
  CHECK(code.find("Included prose, with     run(); inside.") != std::string::npos);
  CHECK(code.find("{{") == std::string::npos);
  // Two README.md: each gets a slug from its folder; a page without # gets the summary's title.
  CHECK(file_of(files, "src/guide/README.md") == "---\nslug: guide-readme\ntitle: \"Guide\"\n---\n\nNo title heading here.\n");
  CHECK(file_of(files, "src/ref/README.md").rfind("---\nslug: ref-readme\n---\n\n# Reference", 0) == 0);
  std::string out = printed(d);
  CHECK(out.find("b/src/code.md:13:1: warning: anchor 'nowhere' not found in ../l/main.rs") != std::string::npos);
  CHECK(out.find("b/src/code.md:14:1: warning: cannot include '../l/none.rs': does not exist") != std::string::npos);
  CHECK(out.find("b/src/code.md:15:1: warning: mdBook directive {{#template}} is not supported") != std::string::npos);
  CHECK(out.find("b/src/ref/README.md:3:11: warning: a literal '{{' in the prose would be read as data") !=
        std::string::npos);
  CHECK(out.find("b/src/SUMMARY.md:4:3: error: chapter file 'gone.md' does not exist") != std::string::npos);
}

TEST_CASE("mdbook: no SUMMARY.md is an error; the command writes nothing then, nor into a full folder", "[import]") {
  MemoryFileSystem fs;
  Diagnostics d;
  CHECK(import_mdbook("nobook", fs, d).empty());
  CHECK(printed(d).find("not an mdBook book: nobook/src/SUMMARY.md not found") != std::string::npos);
  TempDir t("import");
  write_file(t / "book/src/SUMMARY.md", "- [A](a.md)\n");
  write_file(t / "full/keep.txt", "mine");
  std::ostringstream out, err;
  CHECK(run_import_command("mdbook", (t / "book").string(), (t / "full").string(), out, err) == 1);
  CHECK(err.str().find("is not empty; nothing was written") != std::string::npos);
  CHECK(read_file(t / "full/keep.txt") == "mine");
  std::ostringstream out2, err2;
  CHECK(run_import_command("mdbook", (t / "book").string(), (t / "new").string(), out2, err2) == 1);  // a.md missing
  CHECK_FALSE(stdfs::exists(t / "new/report.yml"));
}

namespace {

// A mdBook-style book of 4 parts × 5 chapters × (1 + 4 sub-pages, one with a sub-sub-page) plus
// prefix and suffix pages: 124 pages with code includes, raw HTML, images, tables and links
// between pages (with anchors), as books on the web are written.
void write_big_book(const stdfs::path& dir) {
  write_file(dir / "book.toml", "[book]\ntitle = \"The Big Book\"\nauthors = [\"Fixture\"]\nlanguage = \"en\"\n");
  write_file(dir / "src/img/diagram.svg",
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\"/></svg>\n");
  std::string summary = "# Summary\n\n[Foreword](foreword.md)\n[Introduction](README.md)\n\n";
  write_file(dir / "src/foreword.md", "# Foreword\n\nWhy this book exists.\n");
  write_file(dir / "src/README.md", "# Introduction\n\nStart with [the first chapter](ch01-00-start.md).\n");
  std::vector<std::string> files;
  for (int part = 1; part <= 4; ++part) {
    summary += "# Part " + std::to_string(part) + "\n\n";
    for (int c = 1; c <= 5; ++c) {
      int ch = (part - 1) * 5 + c;
      char id[16];
      std::snprintf(id, sizeof id, "ch%02d", ch);
      for (int s = 0; s <= 4; ++s) {
        std::string file = std::string(id) + "-0" + std::to_string(s) + (s == 0 ? "-start" : "-topic") + ".md";
        std::string title = s == 0 ? "Chapter " + std::to_string(ch) : "Topic " + std::to_string(ch) + "." + std::to_string(s);
        summary += (s == 0 ? "- [" : "    - [") + title + "](" + file + ")\n";
        files.push_back(file);
        std::string body = "# " + title + "\n\n<span class=\"filename\">Filename: src/main.rs</span>\n\n"
                           "```rust,ignore\n{{#include ../listings/" + std::string(id) + "/main.rs:body}}\n```\n\n"
                           "<!-- ignore -->\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop. ![A diagram](img/diagram.svg)\n\n"
                           "## Details\n\n| name | value |\n|---|---|\n| size | " + std::to_string(ch * 10 + s) + " |\n\n"
                           "### Going further\n\nText.\n";
        write_file(dir / "src" / file, body);
        if (s == 2) {  // one sub-sub-page per chapter
          std::string deep = std::string(id) + "-02-deep.md";
          summary += "        - [Deep " + std::to_string(ch) + "](" + deep + ")\n";
          write_file(dir / "src" / deep, "# Deep " + std::to_string(ch) + "\n\nBack to [details](" + file + "#details).\n");
        }
      }
      write_file(dir / "listings" / id / "main.rs", "fn main() {\n    // ANCHOR: body\n    println!(\"" + std::string(id) + "\");\n    // ANCHOR_END: body\n}\n");
    }
  }
  summary += "\n---\n\n[Appendix: keywords](appendix-01.md)\n[Contributors](appendix-02.md)\n";
  write_file(dir / "src/appendix-01.md", "# Keywords\n\nSee [chapter 3](ch03-00-start.md#details).\n");
  write_file(dir / "src/appendix-02.md", "# Contributors\n\nThanks.\n");
  write_file(dir / "src/SUMMARY.md", summary);
}

}  // namespace

TEST_CASE("mdbook: a 124-page book imports and builds with no error and no warning", "[import]") {
  TempDir t("bigbook");
  write_big_book(t / "book");
  std::ostringstream out, err;
  REQUIRE(run_import_command("mdbook", (t / "book").string(), (t / "proj").string(), out, err) == 0);
  CHECK(err.str().empty());
  CHECK(out.str().find("Imported 124 pages") != std::string::npos);
  BuildOptions o;
  o.project_dir = (t / "proj").string();
  o.out_dir = (t / "site").string();
  o.default_templates = templates_dir();
  o.quiet = true;
  std::ostringstream bout, berr;
  CHECK(run_build(o, bout, berr) == 0);
  CHECK(berr.str().empty());  // no warning either
  std::string deep = read_file(t / "site/chapters/ch07-02-deep.html");
  CHECK(deep.find("<p class=\"chapter-label\">7.2.1</p>") != std::string::npos);
  CHECK(deep.find("href=\"ch07-02-topic.html#details\"") != std::string::npos);
  std::string page = read_file(t / "site/chapters/ch07-02-topic.html");
  CHECK(page.find("println!(&quot;ch07&quot;);") != std::string::npos);
  CHECK(page.find("<span class=\"filename\">Filename: src/main.rs</span>") != std::string::npos);
  CHECK(page.find("<kbd>Ctrl</kbd>") != std::string::npos);
  CHECK(page.find("<img src=\"../images/src/img/diagram.svg\" alt=\"A diagram\" width=\"40\" height=\"20\"") !=
        std::string::npos);
  CHECK(page.find("<li class=\"nav-part\">Part 2</li>") != std::string::npos);
  CHECK(stdfs::exists(t / "site/chapters/appendix-02.html"));
}
