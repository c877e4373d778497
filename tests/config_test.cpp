#include <catch2/catch.hpp>
#include <sstream>

#include "config.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

static std::string printed(const Diagnostics& d) {
  std::ostringstream s;
  print_diagnostics(d, s);
  return s.str();
}

TEST_CASE("report.yml with every field", "[config]") {
  Config c;
  Diagnostics d;
  std::string text =
      "title: 报告\nsubtitle: Sub\nedition: 2022\nlanguage: en\nauthor: A\npublisher: P\n"
      "description: D\nbase_url: https://example.org/r\ndata: numbers\nnumber_sections: false\n"
      "allow_html: true\nfront:\n  - front/p.md\nchapters:\n  - c/1.md\n  - c/2.md\nappendices:\n  - a/a.md\n"
      "labels:\n  figure: \"Fig. {chapter}-{n}\"\nhighlights:\n  - label: GDP\n    value: \"{{ data.x.y }}\"\n";
  REQUIRE(parse_config(text, "report.yml", "proj", &c, d));
  CHECK(c.title == "报告");
  CHECK(c.edition == "2022");
  CHECK(c.language == "en");
  CHECK(c.base_url == "https://example.org/r/");
  CHECK(c.data_dir == "numbers");
  CHECK_FALSE(c.number_sections);
  CHECK(c.allow_html);
  REQUIRE(c.chapters.size() == 2);
  CHECK(c.chapters[1].path == "c/2.md");
  CHECK(c.chapters[1].pos.line == 16);
  CHECK(c.front.size() == 1);
  CHECK(c.appendices.size() == 1);
  CHECK(c.figure_label == "Fig. {chapter}-{n}");
  REQUIRE(c.highlights.size() == 1);
  CHECK(c.highlights[0].value == "{{ data.x.y }}");
}

TEST_CASE("unknown keys are errors with did-you-mean, all reported", "[config]") {
  Config c;
  Diagnostics d;
  std::string text = "title: T\nchapter:\n  - a.md\nsubtitel: x\n";
  CHECK_FALSE(parse_config(text, "content/report.yml", "content", &c, d));
  CHECK(printed(d) ==
        "content/report.yml:1:1: error: report.yml lists no pages\n"
        "  hint: add: chapters:\n  - chapters/01-intro.md\n"
        "content/report.yml:2:1: error: unknown key 'chapter' in report.yml\n"
        "  hint: did you mean 'chapters'?\n"
        "content/report.yml:4:1: error: unknown key 'subtitel' in report.yml\n"
        "  hint: did you mean 'subtitle'?\n");
}

TEST_CASE("YAML syntax errors are located", "[config]") {
  Config c;
  Diagnostics d;
  CHECK_FALSE(parse_config("title: T\nchapters: [a.md\n", "r.yml", ".", &c, d));
  check_yaml_syntax_error(d, "r.yml", 2);
}

TEST_CASE("bad values: language, booleans, page lists", "[config]") {
  Config c;
  Diagnostics d;
  CHECK_FALSE(parse_config("title: T\nlanguage: fr\nnumber_sections: maybe\nchapters: x.md\n", "r.yml", ".", &c, d));
  auto out = printed(d);
  CHECK(out.find("r.yml:2:11: error: unknown language 'fr'") != std::string::npos);
  CHECK(out.find("r.yml:3:18: error: 'number_sections' must be true or false") != std::string::npos);
  CHECK(out.find("r.yml:4:11: error: 'chapters' must be a list of Markdown files") != std::string::npos);
}

TEST_CASE("parts and sub-pages flatten into reading order with depths", "[config]") {
  Config c;
  Diagnostics d;
  std::string text =
      "title: T\nchapters:\n  - c/intro.md\n  - part: Part I\n    chapters:\n      - file: c/a.md\n"
      "        pages:\n          - c/a1.md\n          - file: c/a2.md\n            pages: [c/a2x.md]\n"
      "      - c/b.md\n  - part: Part II\n    file: p/two.md\n    chapters: [c/c.md]\n"
      "appendices:\n  - file: x/ref.md\n    pages: [x/ref-cli.md]\n";
  REQUIRE(parse_config(text, "report.yml", "", &c, d));
  std::vector<std::string> got;
  for (const auto& r : c.chapters)
    got.push_back(r.path + "@" + std::to_string(r.depth) + (r.part.empty() ? "" : "|" + r.part) +
                  (r.part_page ? "!" : ""));
  CHECK(got == std::vector<std::string>{"c/intro.md@0", "c/a.md@0|Part I", "c/a1.md@1", "c/a2.md@1", "c/a2x.md@2",
                                        "c/b.md@0", "p/two.md@0|Part II!", "c/c.md@0"});
  REQUIRE(c.appendices.size() == 2);
  CHECK(c.appendices[1].depth == 1);
  CHECK(c.chapters[4].pos.line == 10);  // where the sub-page is listed
}

TEST_CASE("bad parts and sub-pages are located errors, all reported", "[config]") {
  Config c;
  Diagnostics d;
  std::string text =
      "title: T\nfront:\n  - part: P\n    chapters: [a.md]\nchapters:\n  - part: Empty\n"
      "  - part: Q\n    chapter: [b.md]\n  - pages: [c.md]\n  - file: d.md\n    pages:\n      - part: Inner\n"
      "        chapters: [e.md]\n      - file: f.md\n        pages:\n          - file: g.md\n"
      "            pages:\n              - file: h.md\n                pages: [i.md]\n";
  CHECK_FALSE(parse_config(text, "report.yml", "", &c, d));
  std::string out = printed(d);
  CHECK(out.find("report.yml:3:5: error: a part can only group top-level chapters") != std::string::npos);
  CHECK(out.find("report.yml:6:5: error: part 'Empty' has no pages") != std::string::npos);
  CHECK(out.find("report.yml:8:5: error: unknown part key 'chapter'") != std::string::npos);
  CHECK(out.find("did you mean 'chapters'") != std::string::npos);
  CHECK(out.find("part 'Q' has no pages") == std::string::npos);  // the misspelt key is the cause
  CHECK(out.find("report.yml:9:5: error: a page with sub-pages needs 'file'") != std::string::npos);
  CHECK(out.find("report.yml:12:9: error: a part can only group top-level chapters") != std::string::npos);
  CHECK(out.find("report.yml:19:24: error: sub-pages nest at most 3 levels deep") != std::string::npos);
}
