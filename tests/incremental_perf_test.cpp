// Serve's fast rebuild paths (file stamps, changed paths from the watcher, page bodies moved from
// the last build, pages shared with the cache): after each edit on disk, every file the live site
// serves must have the bytes of a full build from scratch.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

#include "load.h"
#include "serve.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

struct Scratch {
  TempDir tmp{"incperf"};
  stdfs::path dir = tmp.path;
  BuildOptions opts;
  Scratch() {
    stdfs::copy(stdfs::path(source_dir()) / "tests/fixtures/basic", dir / "p", stdfs::copy_options::recursive);
    stdfs::copy(stdfs::path(source_dir()) / "templates", dir / "theme", stdfs::copy_options::recursive);
    opts.project_dir = (dir / "p").generic_string();
    opts.default_templates = (dir / "theme").generic_string();
    opts.jobs = 2;
  }
  std::string path(const std::string& rel) const { return (dir / rel).generic_string(); }
  std::string read(const std::string& rel) const { return read_file(path(rel)); }
  void write(const std::string& rel, const std::string& bytes) const { write_file(path(rel), bytes); }
  std::map<std::string, std::string> full_build() const { return render_in_memory(opts, RealFileSystem()); }
};

// The live site serves exactly the files of a full build (chapters first, then the deferred ones).
void check_same(LiveSite& site, const Scratch& s) {
  auto full = s.full_build();
  for (const auto& [path, bytes] : full) {
    INFO("output file " << path);
    auto got = site.get("/" + path);
    REQUIRE(got.has_value());
    CHECK(*got == bytes);
  }
}

// Edits a file on disk as an editor would, tells the site (as the watcher does), rebuilds.
void edit(LiveSite& site, const Scratch& s, const std::string& rel, const std::string& bytes, bool tell = true) {
  s.write(rel, bytes);
  if (tell) site.note_changes({s.path(rel)}, false);
  REQUIRE(site.rebuild());
}

}  // namespace

TEST_CASE("serve fast path: chapter, data, report.yml and template edits give full-build bytes", "[incremental]") {
  Scratch s;
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  check_same(site, s);

  // A text edit of the same size (a timestamp tick may not show it): the watcher's word counts.
  std::string ch = "p/chapters/02-trade.md";
  edit(site, s, ch, replace_once(s.read(ch), "Exports grew", "Exports rose"));
  CHECK(site.status_json().find("\"rendered\":1") != std::string::npos);
  check_same(site, s);

  // Edited twice in a row, then left alone: the next rebuild reuses it by its stamp.
  edit(site, s, ch, replace_once(s.read(ch), "Exports rose", "Exports grew strongly"));
  REQUIRE(site.rebuild());
  CHECK(site.status_json().find("\"rendered\":0") != std::string::npos);
  check_same(site, s);

  // A data value used by a chart and the cover.
  std::string csv = "p/data/econ/retail.csv";
  edit(site, s, csv, replace_once(s.read(csv), "2024,15.52,7.2", "2024,15.61,7.8"));
  check_same(site, s);
  CHECK(site.get("/chapters/overview.html")->find("15.61") != std::string::npos);

  // A title change (navigation of every page), then a template change (every page).
  edit(site, s, ch, replace_once(s.read(ch), "title: 跨境贸易", "title: 跨境贸易与投资"));
  check_same(site, s);
  std::string tmpl = "theme/page.mustache";
  edit(site, s, tmpl, replace_once(s.read(tmpl), "<article class=\"chapter-body\">", "<article class=\"chapter-body x\">"));
  check_same(site, s);

  // report.yml: a chapter removed, then added back; a setting changed.
  std::string yml = "p/report.yml";
  std::string original = s.read(yml);
  edit(site, s, yml, replace_once(original, "  - chapters/a-notes.md\n", ""));
  CHECK_FALSE(site.get("/chapters/a-notes.html").has_value());
  check_same(site, s);
  edit(site, s, yml, original);
  check_same(site, s);
  edit(site, s, yml, replace_once(original, "title: 示例年度报告", "title: 示例年度报告（修订）\nnumber_sections: false"));
  check_same(site, s);

  // Lost watcher events: everything is loaded again.
  s.write(ch, replace_once(s.read(ch), "跨境贸易与投资", "跨境贸易"));
  site.note_changes({}, true);
  REQUIRE(site.rebuild());
  check_same(site, s);
}

TEST_CASE("serve fast path: an edit nobody reported is still seen when the file's stamp changes", "[incremental]") {
  Scratch s;
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  std::string ch = "p/chapters/01-overview.md";
  // Longer text: the size differs, so the stamp does whatever the clock's resolution.
  edit(site, s, ch, s.read(ch) + "\n追加的一句话。\n", false);
  check_same(site, s);
  CHECK(site.get("/chapters/overview.html")->find("追加的一句话") != std::string::npos);
}

TEST_CASE("load_project: pages and data untouched since the last load are reused, same result", "[incremental]") {
  Scratch s;
  RealFileSystem fs;
  Diagnostics d1, d2, d3;
  auto first = std::make_shared<Project>();
  REQUIRE(load_project(s.opts, fs, first.get(), d1));
  auto second = std::make_shared<Project>();
  REQUIRE(load_project(s.opts, fs, second.get(), d2, first.get()));
  auto fresh = std::make_shared<Project>();
  REQUIRE(load_project(s.opts, fs, fresh.get(), d3));
  REQUIRE(second->pages.size() == fresh->pages.size());
  for (size_t i = 0; i < fresh->pages.size(); ++i) {
    CHECK(second->pages[i].body() == fresh->pages[i].body());
    CHECK(second->pages[i].source_hash == fresh->pages[i].source_hash);
    CHECK(*second->pages[i].source == *fresh->pages[i].source);
    CHECK(second->pages[i].url == fresh->pages[i].url);
    CHECK(second->pages[i].source == first->pages[i].source);  // shared, not read again
    CHECK(first->pages[i].body() == fresh->pages[i].body());
  }
  CHECK(second->data_hash == fresh->data_hash);
  CHECK(project_fingerprint(*second, s.opts) == project_fingerprint(*fresh, s.opts));
  CHECK(d2.items().size() == d3.items().size());
}

TEST_CASE("serve fast path: with a watcher, a file is trusted until it is reported changed or events are lost",
          "[incremental]") {
  Scratch s;
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  site.watching({s.opts.project_dir, s.opts.default_templates});
  // Reported edits are seen as before: a page, a data file.
  std::string ch = "p/chapters/01-overview.md", csv = "p/data/econ/retail.csv";
  edit(site, s, ch, s.read(ch) + "\n报告过的一句话。\n");
  check_same(site, s);
  edit(site, s, csv, replace_once(s.read(csv), "2024,15.52,7.2", "2024,15.61,7.8"));
  check_same(site, s);
  // Edits nobody reported are not looked for (no stat of every file on every rebuild)…
  edit(site, s, ch, s.read(ch) + "\n没人报告的一句话。\n", false);
  edit(site, s, csv, replace_once(s.read(csv), "2024,15.61,7.8", "2024,15.72,7.8"), false);
  CHECK(site.get("/chapters/overview.html")->find("没人报告的一句话") == std::string::npos);
  // …until the watcher says it lost events: then every file is checked on the disk again.
  site.note_changes({}, true);
  REQUIRE(site.rebuild());
  check_same(site, s);
  CHECK(site.get("/chapters/overview.html")->find("没人报告的一句话") != std::string::npos);
  CHECK(site.get("/chapters/overview.html")->find("15.72") != std::string::npos);
  // Reported edits after that: taken from the watcher's journal, not from stamps.
  edit(site, s, csv, replace_once(s.read(csv), "2024,15.72,7.8", "2024,15.83,7.8"));
  edit(site, s, ch, s.read(ch) + "\n再报告一句。\n");
  check_same(site, s);
  CHECK(site.get("/chapters/overview.html")->find("15.83") != std::string::npos);
  // Without a complete watch nothing is trusted: the stamp shows the edit.
  site.watching({});
  edit(site, s, ch, s.read(ch) + "\n又一句。\n", false);
  check_same(site, s);
}

TEST_CASE("serve fast path: a page reached through a symbolic link is checked on the disk", "[incremental]") {
  Scratch s;
  std::string ch = "p/chapters/01-overview.md", target = "p/src/overview.md";
  stdfs::create_directories(s.dir / "p/src");
  stdfs::rename(s.path(ch), s.path(target));
  stdfs::create_symlink("../src/overview.md", s.path(ch));
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  site.watching({s.opts.project_dir, s.opts.default_templates});
  // The watcher reports the file written, not the link that leads to it.
  s.write(target, s.read(target) + "\n链接后面的一句话。\n");
  site.note_changes({s.path(target)}, false);
  REQUIRE(site.rebuild());
  check_same(site, s);
  CHECK(site.get("/chapters/overview.html")->find("链接后面的一句话") != std::string::npos);
}

TEST_CASE("serve fast path: a rebuild that fails gives back the pages it took from the last good build",
          "[incremental]") {
  Scratch s;
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  auto good = s.full_build();
  // An unknown reference: the error comes from the render, after the unchanged pages were taken.
  std::string ch = "p/chapters/02-trade.md", original = s.read(ch);
  s.write(ch, original + "\n见@fig:no-such-figure。\n");
  site.note_changes({s.path(ch)}, false);
  REQUIRE_FALSE(site.rebuild());
  // The whole-report pages, made now from the last good build's bodies, are whole: every file is
  // the good build's (HTML with the error overlay before </body>).
  for (const auto& [path, bytes] : good) {
    INFO("output file " << path);
    auto got = site.get("/" + path);
    REQUIRE(got.has_value());
    size_t body = bytes.rfind("</body>");
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0 && body != std::string::npos) {
      CHECK(got->compare(0, body, bytes, 0, body) == 0);
      CHECK(got->find("annalist-error-overlay") != std::string::npos);
    } else {
      CHECK(*got == bytes);
    }
  }
  // Fixed: the next rebuild gives a full build's bytes.
  edit(site, s, ch, original);
  check_same(site, s);
}

TEST_CASE("serve fast path: when only Markdown changed, the data load is taken whole, warnings and all",
          "[incremental]") {
  Scratch s;
  // A catalog entry without its data set: a warning of the data load, to be replayed.
  std::string cat = "p/data/econ/_catalog.yml";
  s.write(cat, s.read(cat) + "ghost:\n  title: 不存在的数据\n");
  LiveSite site(s.opts);
  REQUIRE(site.rebuild());
  site.watching({s.opts.project_dir, s.opts.default_templates});
  const std::string warning = "no data set 'econ/ghost' for this catalog entry";
  REQUIRE(site.last_diagnostics().find(warning) != std::string::npos);
  std::string ch = "p/chapters/01-overview.md";
  // The first rebuild with the watcher reads the stamps it reports; the second can take the data.
  for (const char* line : {"\n只改了正文。\n", "\n又只改了正文。\n"}) {
    edit(site, s, ch, s.read(ch) + line);
    check_same(site, s);
    CHECK(site.last_diagnostics().find(warning) != std::string::npos);
  }
  // A new data file and the chapter that charts it, reported together: the data is loaded again.
  s.write("p/data/econ/fresh.csv", "year,v\n2023,1.5\n2024,2.5\n");
  s.write(ch, s.read(ch) + "\n```chart\nid: fresh\ntype: bar\ntitle: 新数据\ndata: econ/fresh\nx: year\ny: [v]\n```\n");
  site.note_changes({s.path("p/data/econ/fresh.csv"), s.path(ch)}, false);
  REQUIRE(site.rebuild());
  check_same(site, s);
  CHECK(site.last_diagnostics().find("error") == std::string::npos);
  CHECK(site.get("/chapters/overview.html")->find("新数据") != std::string::npos);
  // A reported catalog edit is seen, even in a batch with Markdown edits.
  s.write(cat, replace_once(s.read(cat), "ghost:\n  title: 不存在的数据\n", ""));
  s.write(ch, s.read(ch) + "\n再改正文。\n");
  site.note_changes({s.path(ch), s.path(cat)}, false);
  REQUIRE(site.rebuild());
  check_same(site, s);
  CHECK(site.last_diagnostics().find(warning) == std::string::npos);
}

TEST_CASE("load_project: with a watcher, a Markdown-only change shares the data and theme; a theme edit does not",
          "[incremental]") {
  Scratch s;
  CachingFileSystem fs;
  fs.trust_events({s.opts.project_dir, s.opts.default_templates});
  auto load = [&](const Project* previous) {
    auto p = std::make_shared<Project>();
    Diagnostics d;
    REQUIRE(load_project(s.opts, fs, p.get(), d, previous));
    return p;
  };
  auto first = load(nullptr);
  auto second = load(first.get());  // nothing reported: everything the same
  std::string ch = "p/chapters/01-overview.md", tmpl = "theme/page.mustache";
  s.write(ch, s.read(ch) + "\n新的一句。\n");
  fs.mark_changed({s.path(ch)});
  auto third = load(second.get());
  CHECK(third->theme.templates == second->theme.templates);  // shared: compiled templates kept
  CHECK(third->theme.fingerprint == first->theme.fingerprint);
  CHECK(third->data.sets == second->data.sets);
  CHECK(third->pages[1].source != second->pages[1].source);  // the edited page is read again
  // A template edit, reported with a Markdown edit: the theme is loaded again.
  s.write(tmpl, s.read(tmpl) + "<!-- edited -->\n");
  s.write(ch, s.read(ch) + "\n又一句。\n");
  fs.mark_changed({s.path(ch), s.path(tmpl)});
  auto fourth = load(third.get());
  CHECK(fourth->theme.templates != third->theme.templates);
  CHECK(fourth->theme.fingerprint != third->theme.fingerprint);
  // An edit of a theme file under an unwatched folder is not trusted: loaded again too.
  fs.trust_events({s.opts.project_dir});
  auto fifth = load(fourth.get());
  s.write(ch, s.read(ch) + "\n第三句。\n");
  fs.mark_changed({s.path(ch)});
  auto sixth = load(fifth.get());
  CHECK(sixth->theme.templates != fifth->theme.templates);
}
