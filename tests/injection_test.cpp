// Safe output: a project that injects script, event-handler attributes, javascript: URLs and
// </script> through every input is built for real, and no output file may carry anything a
// browser would execute, other than the theme's own <script src> tags.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "commands.h"
#include "config.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

const std::string kSource = source_dir();

// The payload: a script element, an attribute break-out with an event handler, a script end tag.
const std::string P = R"(<script>alert(1)</script>"><img src=../chapters/p.svg alt=p onerror=alert(1)></script>)";
// The same payload for YAML single-quoted scalars (it holds no single quote).
const std::string Q = "'" + P + "'";

using Scratch = TempDir;

// --- a small HTML tokenizer: enough to see every real tag and attribute of our output --------

struct Tag {
  std::string name;                                        // lower case
  std::vector<std::pair<std::string, std::string>> attrs;  // name (lower case), decoded value
  std::string content;                                     // for script/style: the raw text inside
  size_t pos = 0;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string decode_entities(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string ent = s.substr(i + 1, semi - i - 1);
    std::string rep;
    if (ent == "amp") rep = "&";
    else if (ent == "lt") rep = "<";
    else if (ent == "gt") rep = ">";
    else if (ent == "quot") rep = "\"";
    else if (ent == "apos") rep = "'";
    else if (!ent.empty() && ent[0] == '#') {
      long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X') ? std::strtol(ent.c_str() + 2, nullptr, 16)
                                                                     : std::strtol(ent.c_str() + 1, nullptr, 10);
      if (cp > 0 && cp < 0x80) rep = std::string(1, static_cast<char>(cp));
      else rep = "?";
    } else {
      out += s[i];
      continue;
    }
    out += rep;
    i = semi;
  }
  return out;
}

std::vector<Tag> scan_tags(const std::string& html) {
  std::vector<Tag> tags;
  size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      i = e == std::string::npos ? html.size() : e + 3;
      continue;
    }
    if (i + 1 >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
      ++i;  // "</x>", "<!DOCTYPE", or a "<" the tokenizer would keep as text
      continue;
    }
    Tag t;
    t.pos = i;
    size_t j = i + 1;
    while (j < html.size() && !is_space(html[j]) && html[j] != '>' && html[j] != '/') t.name += html[j++];
    t.name = lower(t.name);
    for (;;) {
      while (j < html.size() && (is_space(html[j]) || html[j] == '/')) ++j;
      if (j >= html.size() || html[j] == '>') break;
      std::string name, value;
      while (j < html.size() && !is_space(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/')
        name += html[j++];
      while (j < html.size() && is_space(html[j])) ++j;
      if (j < html.size() && html[j] == '=') {
        ++j;
        while (j < html.size() && is_space(html[j])) ++j;
        if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
          char q = html[j++];
          size_t e = html.find(q, j);
          if (e == std::string::npos) e = html.size();
          value = html.substr(j, e - j);
          j = e + 1;
        } else {
          while (j < html.size() && !is_space(html[j]) && html[j] != '>') value += html[j++];
        }
      }
      if (!name.empty()) t.attrs.emplace_back(lower(name), decode_entities(value));
    }
    i = j;
    if (t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title") {
      size_t e = lower(html.substr(i, std::string::npos)).find("</" + t.name);
      e = e == std::string::npos ? html.size() : i + e;
      t.content = html.substr(i + 1 < html.size() ? i + 1 : i, e > i ? e - i - 1 : 0);
      i = e;
    }
    tags.push_back(std::move(t));
  }
  return tags;
}

// What a browser does to a URL before it looks at the scheme: strip leading/trailing C0 controls
// and spaces, remove every tab, LF and CR, and compare the scheme case-insensitively.
bool executable_url(const std::string& raw) {
  std::string u;
  for (char c : raw)
    if (c != '\t' && c != '\n' && c != '\r') u += c;
  size_t a = 0;
  while (a < u.size() && static_cast<unsigned char>(u[a]) <= 0x20) ++a;
  u = lower(u.substr(a));
  for (const char* scheme : {"javascript:", "vbscript:", "data:", "livescript:"})
    if (u.rfind(scheme, 0) == 0) return true;
  return false;
}

// Every problem of one HTML (or SVG) text, as readable lines.
std::vector<std::string> unsafe_in_html(const std::string& file, const std::string& html) {
  // Relative, or from base_url on 404.html (served at any depth).
  static const std::regex kThemeScript(
      R"(^(\.\./)*(https://example\.org/r/)?(assets/[A-Za-z0-9_.-]+\.js|search-index\.js)$)");
  std::vector<std::string> problems;
  auto where = [&](const Tag& t) {
    return file + " at " + std::to_string(t.pos) + ": " + html.substr(t.pos, std::min<size_t>(120, html.size() - t.pos));
  };
  for (const Tag& t : scan_tags(html)) {
    if (t.name == "script") {
      std::string src;
      for (const auto& [k, v] : t.attrs)
        if (k == "src") src = v;
      if (src.empty() || !std::regex_match(src, kThemeScript) || !t.content.empty())
        problems.push_back("script that is not the theme's: " + where(t));
    }
    for (const char* banned : {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "set",
                               "animate", "handler", "foreignobject", "math"})
      if (t.name == banned) problems.push_back("<" + t.name + "> tag: " + where(t));
    for (const auto& [k, v] : t.attrs) {
      if (k.size() > 2 && k.compare(0, 2, "on") == 0) problems.push_back("event handler " + k + ": " + where(t));
      if ((k == "href" || k == "src" || k == "action" || k == "formaction" || k == "xlink:href" || k == "poster" ||
           k == "data" || k == "background" || k == "srcset" || k == "to" || k == "values" || k == "from") &&
          executable_url(v))
        problems.push_back("executable URL in " + k + ": " + where(t));
      if (k == "style" && (lower(v).find("javascript") != std::string::npos || lower(v).find("expression(") != std::string::npos))
        problems.push_back("script in style: " + where(t));
      if (k == "http-equiv" && lower(v) == "refresh") problems.push_back("meta refresh: " + where(t));
    }
  }
  return problems;
}

// The inputs: every text a report author (or a data file) controls carries the payload.
void write_hostile_project(const stdfs::path& dir) {
  write_file(dir / "report.yml",
        "title: " + Q + "\nsubtitle: " + Q + "\ndescription: " + Q + "\nauthor: " + Q + "\npublisher: " + Q +
            "\nedition: " + Q + "\nlanguage: zh-CN\ndata: data\nbase_url: https://example.org/r/\n"
            "labels:\n  figure: '图{chapter}-{n}" + P + "'\n  table: '表{chapter}-{n}" + P + "'\n"
            "highlights:\n  - label: " + Q + "\n    value: '{{ data.evil.cells[0].name }}" + P + "'\n"
            "  - label: 'javascript:alert(1)'\n    value: '{{ data.evil.rows[1].name }}'\n"
            "front: [front/pre.md]\nchapters: [chapters/c1.md]\nappendices: [chapters/app.md]\n");
  // The image that raw <img> payloads show (raw HTML's allow-list lets <img> through).
  write_file(dir / "chapters/p.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>");
  // Data: CSV cells, YAML values, a catalog, and a data file whose name is itself a payload.
  write_file(dir / "data/evil/cells.csv",
        "name,value,share,other\n\"" + std::string(R"(<script>alert(1)</script>""><img src=x onerror=alert(1)></script>)") +
            "\",1,2%,3\njavascript:alert(1),2,3%,4\n</script>,3,4%,5\n\"\"\"><svg onload=alert(1)>\",4,5%,6\n");
  write_file(dir / "data/evil/rows.yaml",
        "- {name: " + Q + ", v: 1, w: " + Q + "}\n- {name: 'javascript:alert(1)', v: 2, w: '</script>'}\n");
  write_file(dir / "data/evil/_catalog.yml", "cells:\n  title: " + Q + "\n  source: " + Q + "\n  origin: " + Q +
                                            "\n  unit: " + Q + "\n  note: " + Q + "\nrows:\n  title: " + Q + "\n");
  write_file(dir / "data/x\"><svg onload=alert(1)>.csv", "a,b\n1,2\n");
  write_file(dir / "front/pre.md", "---\ntitle: " + Q + "\nsummary: " + Q + "\n---\n\n前言 " + P + "\n");
  write_file(dir / "chapters/app.md", "# 附录 " + P + "\n\n见@fig:c-bar。\n");
  std::string chapter = "---\ntitle: " + Q + "\nsummary: " + Q + "\nslug: c1\n---\n\n";
  chapter += "## H " + P + " {#h1}\n\n";
  chapter += "Text " + P + " and {{ data.evil.cells[0].name }} and {{ data.evil.rows[0].name }} and "
             "{{ data.evil.rows[1].w }}.[^n] See @fig:c-bar, @tbl:t1 and [custom " + P + "](@sec:h1).\n\n";
  chapter += "<script>alert(1)</script>\n\n<img src=../chapters/p.svg alt=p onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">raw</a>\n\n";
  // Link URLs in every spelling a browser still runs.
  chapter += "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1)) "
             "[d](j&#9;a&#9;v&#9;a&#9;s&#9;c&#9;r&#9;i&#9;p&#9;t:alert(1)) [e](&#1;javascript:alert(1)) "
             "[f](&#x20;&#x0A;javascript:alert(1)) [g](vbscript:msgbox(1)) [h](data:text/html,<script>alert(1)</script>) "
             "[i](&#106;avascript:alert(1)) [i2](java&#1;script:alert(1)) [j](<java\tscript:alert(1)>) <javascript:alert(1)> [k][ref] "
             "[l](https://example.org/?q=\"><script>alert(1)</script> \"t\\\" onmouseover=alert(1) x=\\\"\") "
             "[m](#\"><img src=../chapters/p.svg alt=p onerror=alert(1)>)\n\n"
             "[ref]: javascript:alert(1)\n\n";
  chapter += "![" + P + "](javascript:alert(1)) ![alt " + P + "](x.png \"t\\\"><img src=x onerror=alert(1)>\")\n\n";
  chapter += "```chart\nid: c-bar\ntype: bar\ntitle: " + Q + "\ndata: evil/cells\nx: name\ny: [value, other]\nunit: " + Q +
             "\nsource: " + Q + "\nnote: " + Q + "\nnames: {value: " + Q + ", other: " + Q + "}\nlabels: true\n```\n\n";
  chapter += "```chart\nid: c-combo\ntype: combo\ntitle: " + Q + "\ndata: evil/cells\nx: name\ny: [value]\ny2: share\n"
             "unit: " + Q + "\ny2unit: " + Q + "\nnames: {share: " + Q + "}\n```\n\n";
  chapter += "```chart\nid: c-pie\ntype: pie\ntitle: " + Q + "\ndata: evil/rows\nx: name\ny: v\nnames: {v: " + Q + "}\n```\n\n";
  chapter += "```chart\nid: c-hbar\ntype: hbar\ntitle: t\ndata: evil/rows\nx: name\ny: [v]\nlabels: true\n```\n\n";
  chapter += "```chart\nid: c-scatter\ntype: scatter\ntitle: " + Q + "\ndata: evil/cells\nx: value\ny: [other]\n"
             "label: name\nlabels: true\n```\n\n";
  chapter += "```table\nid: t1\ndata: evil/cells\ncaption: " + Q + "\ncolumns:\n  - {key: name, label: " + Q +
             "}\n  - {key: value, label: " + Q + "}\nsource: " + Q + "\nnote: " + Q + "\n```\n\n";
  chapter += "```table\nid: t2\ndata: evil/rows\ncaption: " + Q + "\n```\n\n";
  chapter += "```figure\nid: f1\ntitle: " + Q + "\nnote: " + Q + "\nsource: " + Q + "\n```\n\n";
  chapter += "| a " + P + " | b |\n|---|---|\n| \"><img src=../chapters/p.svg alt=p onerror=alert(1)> | </script> |\n\nTable: Cap " + P +
             " {#tbl:md}\n\n";
  chapter += "Code `" + P + "` and\n\n```html\n" + P + "\n```\n\n```" + P + "\nx\n```\n\n";
  chapter += "[^n]: Note " + P + " [x](javascript:alert(1)).\n";
  write_file(dir / "chapters/c1.md", chapter);
  // The image the chapter shows (its PNG header is all that is read).
  write_file(dir / "chapters/x.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x02\x08\x02\0\0\0", 29));
}

// Builds project into site with the built-in templates; diagnostics go to err.
int build_quietly(const stdfs::path& project, const stdfs::path& site, std::ostringstream& err) {
  BuildOptions o;
  o.project_dir = project.string();
  o.out_dir = site.string();
  o.default_templates = kSource + "/templates";
  o.quiet = true;
  std::ostringstream out;
  return run_build(o, out, err);
}

}  // namespace

TEST_CASE("no input can put script into the built site", "[security]") {
  Scratch s("injection");
  write_hostile_project(s.path / "project");
  std::ostringstream err;
  int rc = build_quietly(s.path / "project", s.path / "site", err);
  INFO(err.str());
  REQUIRE(rc == 0);

  std::map<std::string, std::string> files;
  for (auto& e : stdfs::recursive_directory_iterator(s.path / "site"))
    if (e.is_regular_file()) files[stdfs::relative(e.path(), s.path / "site").generic_string()] = read_file(e.path());
  REQUIRE(files.count("index.html"));
  REQUIRE(files.count("chapters/c1.html"));
  REQUIRE(files.count("search-index.js"));

  std::vector<std::string> problems;
  for (const auto& [path, bytes] : files) {
    bool markup = path.size() > 5 && (path.compare(path.size() - 5, 5, ".html") == 0 ||
                                      path.compare(path.size() - 4, 4, ".svg") == 0 ||
                                      path.compare(path.size() - 4, 4, ".xml") == 0);
    if (!markup) continue;
    for (auto& p : unsafe_in_html(path, bytes)) problems.push_back(p);
  }
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());

  // The payload did reach the pages, as text (so the inputs were not just dropped).
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
  for (const char* page : {"index.html", "chapters/c1.html", "chapters/pre.html", "chapters/app.html",
                           "figures.html", "data.html", "print.html"}) {
    INFO(page);
    CHECK(files[page].find(escaped) != std::string::npos);
  }
  // The theme's own scripts are still there.
  CHECK(files["chapters/c1.html"].find("<script src=\"../assets/site.js\" defer></script>") != std::string::npos);

  // The search index is JSON values inside .js files: each parses, the page fragments keep the
  // payload as text, and none writes "</script" (harmless in a .js file, but a JSON string must
  // not end early).
  bool found = false;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
    if (v.is_string() && v.get<std::string>().find("<script>alert(1)</script>") != std::string::npos) found = true;
    if (v.is_structured())
      for (const auto& x : v) walk(x);
  };
  size_t search_files = 0;
  for (const auto& [path, js] : files) {
    if (path != "search-index.js" && path.rfind("search/", 0) != 0) continue;
    INFO(path);
    ++search_files;
    CHECK(lower(js).find("</script") == std::string::npos);
    size_t open = js.find('{'), close = js.rfind('}');
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);
    nlohmann::json value;
    REQUIRE_NOTHROW(value = nlohmann::json::parse(js.substr(open, close + 1 - open)));
    walk(value);
  }
  CHECK(search_files >= 3);  // the manifest, a shard, a page
  CHECK(found);
}

TEST_CASE("the tokenizer behind the injection check sees what a browser sees", "[security]") {
  CHECK(unsafe_in_html("t", "<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1)</p>").empty());
  CHECK(unsafe_in_html("t", "<script src=\"../assets/site.js\" defer></script>").empty());
  CHECK(unsafe_in_html("t", "<script src=\"search-index.js\" defer></script>").empty());
  CHECK(unsafe_in_html("t", "<script>alert(1)</script>").size() == 1);
  CHECK(unsafe_in_html("t", "<script src=\"https://evil.example/x.js\"></script>").size() == 1);
  CHECK(unsafe_in_html("t", "<img src=x onerror=alert(1)>").size() == 1);
  CHECK(unsafe_in_html("t", "<a title=\"\"><img src=x onerror=alert(1)>\">").size() == 1);
  CHECK(unsafe_in_html("t", "<a href=\"java\tscript:alert(1)\">").size() == 1);
  CHECK(unsafe_in_html("t", "<a href=\"\x01javascript:alert(1)\">").size() == 1);
  CHECK(unsafe_in_html("t", "<a href=\"&#106;avascript:alert(1)\">").size() == 1);
  CHECK(unsafe_in_html("t", "<svg><a xlink:href=\"javascript:alert(1)\"></a></svg>").size() == 1);
  CHECK(unsafe_in_html("t", "<a href=\"https://example.org/javascript:x\">").empty());
}

TEST_CASE("base_url must be an http(s) address", "[security]") {
  for (const char* url : {"javascript:alert(1)//", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,x",
                          "//evil.example/", "ftp://x/", "/relative/"}) {
    INFO(url);
    Diagnostics d;
    Config c;
    parse_config(std::string("title: T\nchapters: [a.md]\nbase_url: '") + url + "'\n", "report.yml", ".", &c, d);
    CHECK(d.has_errors());
    CHECK(c.base_url.empty());
  }
  for (const char* url : {"https://example.org/report/", "http://intranet/r"}) {
    Diagnostics d;
    Config c;
    parse_config(std::string("title: T\nchapters: [a.md]\nbase_url: '") + url + "'\n", "report.yml", ".", &c, d);
    CHECK_FALSE(d.has_errors());
  }
}

TEST_CASE("with allow_html, raw HTML keeps no script, handler or executable URL", "[security]") {
  Scratch s("injection-html");
  stdfs::path project = s.path / "project";
  write_hostile_project(project);
  std::ofstream(project / "report.yml", std::ios::app) << "allow_html: true\n";
  // Raw HTML in the spellings a browser still runs: case, entities, controls, no quotes, no value.
  std::ofstream(project / "chapters/c1.md", std::ios::app)
      << "\n<a href=\"JaVaScRiPt:alert(1)\">a</a> <img src=../chapters/p.svg alt=p onerror=alert(1)> <a href=\"java&#115;cript:alert(1)\">b</a>"
         " <a href=\"java&#x73;cript&colon;alert(1)\">c</a> <a href=\"&#1;javascript:alert(1)\">d</a>"
         " <a href=\" j&#9;ava&#10;script:alert(1)\">e</a> <a href=javascript:alert(1)>f</a>"
         " <img src onerror><img/src=\"../chapters/p.svg\"/onerror=alert(1)> <svg><a xlink:href=\"javascript:alert(1)\">g</a></svg>"
         " <form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>h</button></form>"
         " <img srcset=\"x.png 1x, javascript:alert(1) 2x\"> <video poster=\"data:text/html,x\"></video>"
         " <a href='c1.html' ONCLICK='alert(1)'>i</a> <p title=\"a\" onmouseover = \"alert(1)\">j</p>\n\n"
         "<div>\n<iframe src=\"https://evil.example/\"></iframe>\n<object data=\"x.swf\"></object><embed src=x>\n"
         "<style>*{background:url(javascript:alert(1))}</style><base href=\"https://evil.example/\">\n"
         "<noscript><p title=\"</noscript><img src=../chapters/p.svg alt=p onerror=alert(1)>\"></noscript>\n"
         "<!--> <img src=x onerror=alert(1)> -->\n<span style=\"background:url(javascript:alert(1))\">k</span>\n"
         "<svg><animate attributeName=href to=\"javascript:alert(1)\"/><set attributeName=onload to=alert(1)/></svg>\n"
         "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>\n</div>\n";
  std::ostringstream err;
  int rc = build_quietly(project, s.path / "site", err);
  INFO(err.str());
  REQUIRE(rc == 0);
  std::string page = read_file(s.path / "site/chapters/c1.html");
  for (const auto& p : unsafe_in_html("chapters/c1.html", page)) UNSCOPED_INFO(p);
  CHECK(unsafe_in_html("chapters/c1.html", page).empty());
  CHECK(unsafe_in_html("print.html", read_file(s.path / "site/print.html")).empty());
  // What is harmless still passes: the tags, their plain attributes and safe URLs.
  CHECK(page.find("<a href=\"c1.html\">i</a>") != std::string::npos);
  CHECK(page.find("<p title=\"a\">j</p>") != std::string::npos);
  CHECK(page.find("<img srcset") == std::string::npos);
  CHECK(page.find("<img src=\"../images/chapters/p.svg\" alt=\"p\" width=\"1\" height=\"1\" loading=\"lazy\">") != std::string::npos);
  CHECK(err.str().find("c1.md") != std::string::npos);
}
