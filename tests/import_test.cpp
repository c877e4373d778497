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
  INFO(out);
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
                           "<img src=\"img/diagram.svg\" alt=\"The diagram in HTML\">\n\n"
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
  CHECK(page.find("println!(<span class=\"hl-s\">&quot;ch07&quot;</span>);") != std::string::npos);  // highlighted
  CHECK(page.find("<span class=\"filename\">Filename: src/main.rs</span>") != std::string::npos);
  CHECK(page.find("<kbd>Ctrl</kbd>") != std::string::npos);
  CHECK(page.find("<img src=\"../images/src/img/diagram.svg\" alt=\"A diagram\" width=\"40\" height=\"20\"") !=
        std::string::npos);
  CHECK(page.find("<img src=\"../images/src/img/diagram.svg\" alt=\"The diagram in HTML\" width=\"40\" height=\"20\" "
                  "loading=\"lazy\">") != std::string::npos);  // raw HTML images are copied too
  CHECK(page.find("<li class=\"nav-part\">Part 2</li>") != std::string::npos);
  CHECK(stdfs::exists(t / "site/chapters/appendix-02.html"));
}

TEST_CASE("quarto: the book's chapters, parts and appendices; references, labels, chunks and links mapped", "[import]") {
  MemoryFileSystem fs;
  put_files(fs, {{"q/_quarto.yml", "project:\n  type: book\nbook:\n  title: Notes\n  author:\n    - name: Ann\n    - Bo\n"
                                   "  chapters:\n    - index.qmd\n    - intro.qmd\n    - part: Basics\n      chapters: [a.qmd]\n"
                                   "    - part: adv.qmd\n      chapters: [b.md]\n  appendices: [refs.qmd]\nlang: zh\n"},
                 {"q/index.qmd", "---\ntitle: 前言\nformat: html\n---\n\nSee @sec-intro, [intro](intro.qmd#why).\n"},
                 {"q/intro.qmd", "# Intro {#sec-intro}\n\n## Why {#sec-why}\n\n@fig-p and @tbl-t, per @knuth.\n\n"
                                 "![P](img/p.svg){#fig-p width=50%}\n\n```{python}\nx = '@fig-p'\n```\n\n"
                                 "`@fig-p` stays; {{< pagebreak >}}\n"},
                 {"q/a.qmd", "# A\n\nBack to @sec-why.\n"},
                 {"q/adv.qmd", "---\ntitle: Advanced\n---\n\nPart text.\n"},
                 {"q/b.md", "# B\n"}, {"q/refs.qmd", "# References\n"}, {"q/img/p.svg", "<svg/>"},
                 {"q/_book/index.html", "built output"}});
  Diagnostics d;
  auto files = import_quarto("q", fs, d);
  CHECK_FALSE(d.has_errors());
  CHECK(file_of(files, "report.yml") ==
        "# Imported from a Quarto book by `annalist import`: the page tree below is the book's.\n"
        "title: \"Notes\"\nlanguage: zh-CN\nauthor: \"Ann, Bo\"\n"
        "allow_html: true                # the book's inline HTML, through annalist's allow-list\n"
        "front:\n  - \"index.md\"\nchapters:\n  - \"intro.md\"\n  - part: \"Basics\"\n    chapters:\n      - \"a.md\"\n"
        "  - part: \"Advanced\"\n    file: \"adv.md\"\n    chapters:\n      - \"b.md\"\nappendices:\n  - \"refs.md\"\n");
  CHECK(file_of(files, "index.md") == "---\ntitle: \"前言\"\n---\n\n\nSee @ch:intro, [intro](intro.md#why).\n");
  CHECK(file_of(files, "intro.md") ==
        "# Intro {#sec-intro}\n\n## Why {#sec-why}\n\n@fig:p and @tbl:t, per @knuth.\n\n"
        "![P](img/p.svg){#fig:p}\n\n```python\nx = '@fig-p'\n```\n\n`@fig-p` stays; \n");
  CHECK(file_of(files, "a.md") == "# A\n\nBack to @sec:sec-why.\n");
  CHECK(file_of(files, "img/p.svg") == "<svg/>");
  CHECK(file_of(files, "_book/index.html").rfind("<missing", 0) == 0);  // Quarto's own output is not copied
  std::string out = printed(d);
  INFO(out);
  CHECK(out.find("q/index.qmd:1:1: note: front matter keys left out: format") != std::string::npos);
  CHECK(out.find("q/intro.qmd:5:24: note: citation @knuth is kept as text") != std::string::npos);
  CHECK(out.find("q/intro.qmd:7:24: note: attributes after the label were left out: width=50%") != std::string::npos);
  CHECK(out.find("q/intro.qmd:9:1: note: the {python} code chunk is shown as code, not run") != std::string::npos);
  CHECK(out.find("q/intro.qmd:13:17: warning: Quarto shortcode {{< pagebreak >}} was left out") != std::string::npos);
}

TEST_CASE("quarto: a Quarto-style book imports and builds with no error and no warning", "[import]") {
  TempDir t("quarto");
  std::string chapters;
  for (int i = 1; i <= 12; ++i) {
    std::string n = std::to_string(i), next = std::to_string(i % 12 + 1);
    chapters += (i == 1 ? "    - part: \"Part one\"\n      chapters:\n" : i == 7 ? "    - part: two.qmd\n      chapters:\n" : "") +
                std::string("        - ch") + n + ".qmd\n";
    write_file(t / ("book/ch" + n + ".qmd"),
               "---\ntitle: \"Chapter " + n + "\"\nexecute:\n  echo: false\n---\n\n## Method {#sec-method-" + n + "}\n\n"
               "![Result " + n + "](figs/r.svg){#fig-r" + n + "}\n\n@fig-r" + n + " shows it; see @sec-method-" + next +
               " and [the next one](ch" + next + ".qmd).\n\n::: {.callout-tip}\nA tip.\n:::\n\n```{r}\nsummary(x)\n```\n");
  }
  write_file(t / "book/_quarto.yml", "project:\n  type: book\nbook:\n  title: \"A Quarto Book\"\n  chapters:\n"
                                     "    - index.qmd\n" + chapters + "  appendices:\n    - refs.qmd\n");
  write_file(t / "book/index.qmd", "# Preface {.unnumbered}\n\nStart at @sec-method-1.\n");
  write_file(t / "book/two.qmd", "# Part two\n\nThe second part.\n");
  write_file(t / "book/refs.qmd", "# References {.unnumbered}\n\nNone.\n");
  write_file(t / "book/figs/r.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"><rect width=\"30\" height=\"20\"/></svg>\n");
  std::ostringstream out, err;
  REQUIRE(run_import_command("quarto", (t / "book").string(), (t / "proj").string(), out, err) == 0);
  CHECK(err.str().find("warning") == std::string::npos);  // notes only (chunks, front matter)
  BuildOptions o;
  o.project_dir = (t / "proj").string();
  o.out_dir = (t / "site").string();
  o.default_templates = templates_dir();
  o.quiet = true;
  std::ostringstream bout, berr;
  CHECK(run_build(o, bout, berr) == 0);
  CHECK(berr.str().empty());
  std::string ch8 = read_file(t / "site/chapters/ch8.html");
  CHECK(ch8.find("<p class=\"chapter-label\">Chapter 8</p>") != std::string::npos);
  CHECK(ch8.find(">Figure 8.1</a> shows it") != std::string::npos);
  CHECK(ch8.find("href=\"ch9.html#sec-method-9\"") != std::string::npos);
  CHECK(ch8.find("class=\"alert alert-tip\"") != std::string::npos);
  CHECK(ch8.find("<li class=\"nav-part\">Part one</li>") != std::string::npos);
  CHECK(read_file(t / "site/chapters/two.html").find("<p class=\"chapter-label\">Part two</p>") != std::string::npos);
}
