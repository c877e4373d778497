#include <catch2/catch.hpp>
#include <sstream>

#include "xref.h"

using namespace annalist;

namespace {
UiStrings ui() {
  UiStrings s;
  s.chapter_label = "第{n}章";
  s.appendix_label = "附录{n}";
  s.section_ref = "{n}节";
  return s;
}

// A body written in pieces: text, and holes where a cross-reference or an id prefix goes.
struct BodyBuilder {
  std::string body;
  std::vector<BodyHole> holes;
  BodyBuilder& text(const std::string& s) {
    body += s;
    return *this;
  }
  BodyBuilder& xref(uint32_t index) {
    holes.push_back({static_cast<uint32_t>(body.size()), index, BodyHole::kXref});
    return *this;
  }
  BodyBuilder& id_prefix() {
    holes.push_back({static_cast<uint32_t>(body.size()), 0, BodyHole::kIdPrefix});
    return *this;
  }
};

RenderedPage page_with(const BodyBuilder& b, std::vector<XrefUse> xrefs) {
  RenderedPage r;
  r.body = std::make_shared<const std::string>(b.body);
  r.holes = b.holes;
  r.xrefs = std::move(xrefs);
  return r;
}
}  // namespace

TEST_CASE("targets across pages: chapters, appendices, figures, sections", "[xref]") {
  std::vector<Page> pages(3);
  pages[0].slug = "overview"; pages[0].kind = PageKind::kChapter; pages[0].number = "1"; pages[0].url = "chapters/overview.html";
  pages[1].slug = "rural"; pages[1].kind = PageKind::kChapter; pages[1].number = "2"; pages[1].url = "chapters/rural.html";
  pages[2].slug = "policies"; pages[2].kind = PageKind::kAppendix; pages[2].number = "A"; pages[2].url = "chapters/policies.html";
  std::vector<RenderedPage> rs(3);
  rs[0].title = "总报告";
  rs[0].figures.push_back({false, "volume", "fig-volume", "图1-1", "交易额", {"c/1.md", 5, 1}});
  rs[0].headings.push_back({2, "status", "1.1", "发展现状", {"c/1.md", 3, 1}, true, 0, "status"});
  BodyBuilder body;
  body.text("见").xref(0).text("、").xref(1).text("、").xref(2).text("和").xref(3).text("。<h2 id=\"").id_prefix().text("x\">");
  rs[1] = page_with(body, {{"fig", "volume", "", {"c/2.md", 1, 1}},
                           {"ch", "policies", "", {"c/2.md", 1, 5}},
                           {"sec", "status", "", {"c/2.md", 1, 9}},
                           {"ch", "rural", "<em>本章</em>", {"c/2.md", 1, 13}}});
  rs[1].title = "农村";
  rs[2].title = "法规";
  Diagnostics d;
  Targets t = collect_targets(pages, rs, ui(), d);
  CHECK(d.error_count() == 0);
  CHECK(t.by_key.at("ch:policies").label == "附录A");
  CHECK(t.by_key.at("sec:status").label == "1.1节");
  std::string html = finalize_body(rs[1], 1, pages, t, LinkContext{}, &d);
  CHECK(html ==
        "见<a class=\"xref\" href=\"overview.html#fig-volume\" title=\"交易额\">图1-1</a>、"
        "<a class=\"xref\" href=\"policies.html\" title=\"法规\">附录A</a>、"
        "<a class=\"xref\" href=\"overview.html#status\" title=\"发展现状\">1.1节</a>和"
        "<a class=\"xref\" href=\"#\"><em>本章</em></a>。<h2 id=\"x\">");
  std::string print = finalize_body(rs[1], 1, pages, t, LinkContext{true}, nullptr);
  CHECK(print.find("href=\"#fig-volume\"") != std::string::npos);
  CHECK(print.find("href=\"#rural--top\"") != std::string::npos);
  CHECK(print.find("<h2 id=\"rural--x\">") != std::string::npos);
}

TEST_CASE("duplicate figure ids across pages are errors", "[xref]") {
  std::vector<Page> pages(2);
  pages[0].slug = "a";
  pages[1].slug = "b";
  std::vector<RenderedPage> rs(2);
  rs[0].figures.push_back({false, "same", "fig-same", "图1-1", "", {"c/a.md", 4, 1}});
  rs[1].figures.push_back({false, "same", "fig-same", "图2-1", "", {"c/b.md", 9, 1}});
  Diagnostics d;
  collect_targets(pages, rs, ui(), d);
  REQUIRE(d.error_count() == 1);
  CHECK(format_diagnostic(d.sorted()[0]) ==
        "c/b.md:9:1: error: duplicate figure id 'same'\n  hint: first used at c/a.md:4; ids must be unique in the report");
}
