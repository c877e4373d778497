#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <filesystem>
#include <fstream>

#include "site_writer.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

// A scratch directory with an (empty) project in it.
struct Scratch : TempDir {
  Scratch() : TempDir("site-writer") { stdfs::create_directories(path / "project"); }
};

TEST_CASE("a committed site replaces the previous one whole", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "site").string();
  {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "one");
    w.write("chapters/a.html", "A");
    REQUIRE(w.commit("annalist-site x\n", d));
  }
  CHECK(read_file(t.path / "site/index.html") == "one");
  // The marker: the text given, then every file written with its size, sorted.
  CHECK(read_site_marker(out) == "annalist-site x\nfile 1 chapters/a.html\nfile 3 index.html\n");
  CHECK(site_is_intact(out, "annalist-site x\n"));
  CHECK_FALSE(site_is_intact(out, "annalist-site y\n"));
  {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "two");
    REQUIRE(w.commit("annalist-site y\n", d));
  }
  CHECK(read_file(t.path / "site/index.html") == "two");
  CHECK_FALSE(stdfs::exists(t.path / "site/chapters/a.html"));
  // No staging or old directories are left behind.
  int entries = 0;
  for (auto& e : stdfs::directory_iterator(t.path)) entries += e.path().filename() != "project";
  CHECK(entries == 1);
}

TEST_CASE("a site with a file removed, cut short or replaced by a link is not intact", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "site").string();
  auto build = [&] {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "home");
    w.write_piece("search/t1.js", "ab", false);
    w.write_piece("search/t1.js", "cde", true);
    REQUIRE(w.commit("annalist-site x\n", d));
  };
  build();
  CHECK(read_site_marker(out) == "annalist-site x\nfile 4 index.html\nfile 5 search/t1.js\n");
  CHECK(site_is_intact(out, "annalist-site x\n"));
  write_file(t.path / "site/extra.txt", "added by hand");  // files added are not looked for
  CHECK(site_is_intact(out, "annalist-site x\n"));
  stdfs::remove(t.path / "site/index.html");
  CHECK_FALSE(site_is_intact(out, "annalist-site x\n"));
  build();
  write_file(t.path / "site/search/t1.js", "abcd");
  CHECK_FALSE(site_is_intact(out, "annalist-site x\n"));
  build();
  write_file(t.path / "home.txt", "home");
  stdfs::remove(t.path / "site/index.html");
  stdfs::create_symlink(t.path / "home.txt", t.path / "site/index.html");
  CHECK_FALSE(site_is_intact(out, "annalist-site x\n"));
  // A marker listing no file (written before the listing existed) is not trusted either.
  write_file(t.path / "site" / kSiteMarker, "annalist-site x\n");
  CHECK_FALSE(site_is_intact(out, "annalist-site x\n"));
}

TEST_CASE("an aborted build leaves the previous site untouched", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "site").string();
  stdfs::create_directories(out);
  std::ofstream(t.path / "site" / kSiteMarker) << "annalist-site old\n";
  std::ofstream(t.path / "site/index.html") << "old";
  {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "new");
    w.abort();
  }
  CHECK(read_file(t.path / "site/index.html") == "old");
}

TEST_CASE("stale staging directories of killed builds are cleaned up", "[site_writer]") {
  Scratch t;
  auto stale = t.path / ".site.annalist-tmp-99999";
  stdfs::create_directories(stale);
  std::ofstream(stale / kSiteMarker) << "annalist-staging\n";  // written first by every build
  std::ofstream(stale / "index.html") << "half";
  SiteWriter w;
  Diagnostics d;
  REQUIRE(w.begin((t.path / "site").string(), (t.path / "project").string(), d));
  CHECK_FALSE(stdfs::exists(stale));
  REQUIRE(w.commit("m\n", d));
}

TEST_CASE("a removal cut short at any step leaves a marked directory the next build removes", "[site_writer]") {
  // A build killed while deleting the previous site must not leave an unmarked half of it,
  // which no later build would dare remove.
  struct Cut {};
  for (int cut_at = 0; cut_at < 4; ++cut_at) {  // three entries, then the marker
    Scratch t;
    auto old = t.path / ".site.annalist-tmp-4242";
    stdfs::create_directories(old / "chapters");
    std::ofstream(old / kSiteMarker) << "annalist-site x\n";
    std::ofstream(old / "chapters" / "a.html") << "a";
    std::ofstream(old / "index.html") << "i";
    std::ofstream(old / "zz.css") << "z";
    int step = 0;
    try {
      remove_marked_directory(old.string(), [&] {
        if (step++ == cut_at) throw Cut{};
      });
    } catch (const Cut&) {
    }
    INFO("cut before step " << cut_at);
    REQUIRE(stdfs::exists(old));
    CHECK(stdfs::is_regular_file(old / kSiteMarker));
    remove_stale_output((t.path / "site").string());
    CHECK_FALSE(stdfs::exists(old));
  }
}

TEST_CASE("unsafe output directories are refused", "[site_writer]") {
  Scratch t;
  auto proj = (t.path / "project").string();
  CHECK(unsafe_output_reason("/", proj) == "the output directory cannot be the root directory");
  CHECK(unsafe_output_reason(proj, proj) == "the output directory cannot be the project directory");
  CHECK(unsafe_output_reason(t.path.string(), proj) == "the output directory cannot contain the project");
  stdfs::create_directories(t.path / "mine");
  std::ofstream(t.path / "mine/notes.txt") << "precious";
  CHECK(unsafe_output_reason((t.path / "mine").string(), proj).find("was not written by annalist") !=
        std::string::npos);
  SiteWriter w;
  Diagnostics d;
  CHECK_FALSE(w.begin((t.path / "mine").string(), proj, d));
  CHECK(read_file(t.path / "mine/notes.txt") == "precious");
  CHECK(unsafe_output_reason((t.path / "fresh").string(), proj).empty());
}

TEST_CASE("files whose bytes did not change are linked from the replaced site, not written again", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "site").string();
  auto build = [&](const std::string& a, const std::string& b, const std::string& marker) {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("chapters/a.html", a);
    w.write("chapters/b.html", b);
    REQUIRE(w.commit(marker, d));
  };
  auto inode = [&](const char* rel) {
    struct stat st {};
    return ::lstat((t.path / "site" / rel).c_str(), &st) == 0 ? st.st_ino : 0;
  };
  build("A", "B", "annalist-site 1\n");
  auto a1 = inode("chapters/a.html"), b1 = inode("chapters/b.html");
  build("A", "B2", "annalist-site 2\n");
  CHECK(inode("chapters/a.html") == a1);  // same bytes: the same file, linked into the new site
  CHECK(inode("chapters/b.html") != b1);  // new bytes: a new file
  CHECK(read_file(t.path / "site/chapters/a.html") == "A");
  CHECK(read_file(t.path / "site/chapters/b.html") == "B2");
  // Same size, other bytes: written anew.
  build("Z", "B2", "annalist-site 3\n");
  CHECK(read_file(t.path / "site/chapters/a.html") == "Z");
  // A symbolic link in the old site is never followed or linked.
  stdfs::remove(t.path / "site/chapters/b.html");
  std::ofstream(t.path / "outside.txt") << "B2";
  stdfs::create_symlink(t.path / "outside.txt", t.path / "site/chapters/b.html");
  build("Z", "B2", "annalist-site 4\n");
  CHECK_FALSE(stdfs::is_symlink(t.path / "site/chapters/b.html"));
  CHECK(read_file(t.path / "site/chapters/b.html") == "B2");
  CHECK(read_file(t.path / "outside.txt") == "B2");
}

TEST_CASE("only staging directories annalist made are removed beside the output", "[site_writer]") {
  Scratch t;
  // A user's folders whose names only look like annalist's: never touched.
  stdfs::create_directories(t.path / ".site.annalist-notes");
  std::ofstream(t.path / ".site.annalist-notes/notes.txt") << "precious";
  stdfs::create_directories(t.path / ".site.annalist-tmp-77777");
  std::ofstream(t.path / ".site.annalist-tmp-77777/draft.txt") << "mine";
  stdfs::create_directories(t.path / ".site.annalist-tmp-12x");
  std::ofstream(t.path / ".site.annalist-tmp-12x/.annalist-site") << "annalist-site x\n";
  // A link named like a staging directory is not followed.
  stdfs::create_directories(t.path / "elsewhere");
  std::ofstream(t.path / "elsewhere/.annalist-site") << "annalist-site x\n";
  stdfs::create_directory_symlink(t.path / "elsewhere", t.path / ".site.annalist-tmp-88888");
  // What killed builds leave: a staging directory (marked from its start) and an empty one.
  stdfs::create_directories(t.path / ".site.annalist-tmp-99999");
  std::ofstream(t.path / ".site.annalist-tmp-99999/.annalist-site") << "annalist-staging\n";
  stdfs::create_directories(t.path / ".site.annalist-tmp-99998");
  SiteWriter w;
  Diagnostics d;
  REQUIRE(w.begin((t.path / "site").string(), (t.path / "project").string(), d));
  REQUIRE(w.commit("annalist-site y\n", d));
  CHECK(read_file(t.path / ".site.annalist-notes/notes.txt") == "precious");
  CHECK(read_file(t.path / ".site.annalist-tmp-77777/draft.txt") == "mine");
  CHECK(stdfs::exists(t.path / ".site.annalist-tmp-12x/.annalist-site"));
  CHECK(stdfs::exists(t.path / "elsewhere/.annalist-site"));
  CHECK(stdfs::is_symlink(t.path / ".site.annalist-tmp-88888"));
  CHECK_FALSE(stdfs::exists(t.path / ".site.annalist-tmp-99999"));
  CHECK_FALSE(stdfs::exists(t.path / ".site.annalist-tmp-99998"));
}

TEST_CASE("a staging directory carries annalist's marker from its start", "[site_writer]") {
  Scratch t;
  SiteWriter w;
  Diagnostics d;
  REQUIRE(w.begin((t.path / "site").string(), (t.path / "project").string(), d));
  int staging = 0;
  for (auto& e : stdfs::directory_iterator(t.path)) {
    std::string name = e.path().filename().string();
    if (name.rfind(".site.annalist-tmp-", 0) != 0) continue;
    ++staging;
    CHECK(stdfs::is_regular_file(e.path() / kSiteMarker));
  }
  CHECK(staging == 1);
  w.abort();
}

TEST_CASE("a symlinked folder in the old site is never followed when reusing files", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "site").string();
  auto build = [&](const std::string& marker) {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "home");
    w.write("chapters/a.html", "secret bytes");
    REQUIRE(w.commit(marker, d));
  };
  build("annalist-site 1\n");
  // The old site's folder is swapped for a link to a folder outside it, holding the same bytes.
  stdfs::create_directories(t.path / "outside");
  std::ofstream(t.path / "outside/a.html") << "secret bytes";
  stdfs::remove_all(t.path / "site/chapters");
  stdfs::create_directory_symlink(t.path / "outside", t.path / "site/chapters");
  struct stat outside {};
  REQUIRE(::stat((t.path / "outside/a.html").c_str(), &outside) == 0);
  build("annalist-site 2\n");
  struct stat got {};
  REQUIRE(::lstat((t.path / "site/chapters/a.html").c_str(), &got) == 0);
  CHECK(S_ISREG(got.st_mode));
  CHECK(got.st_ino != outside.st_ino);  // a file of its own, not a link to the outside one
  CHECK(got.st_nlink == 1);
  CHECK(read_file(t.path / "site/chapters/a.html") == "secret bytes");
  CHECK(read_file(t.path / "outside/a.html") == "secret bytes");
}

TEST_CASE("an output path with a trailing slash works the first time and after", "[site_writer]") {
  Scratch t;
  auto out = (t.path / "newsite").string() + "/";
  for (const char* text : {"one", "two"}) {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", text);
    CHECK(w.commit("annalist-site " + std::string(text) + "\n", d));
    CHECK_FALSE(d.has_errors());
    CHECK(read_file(t.path / "newsite/index.html") == text);
  }
  int entries = 0;
  for (auto& e : stdfs::directory_iterator(t.path)) entries += e.path().filename() != "project";
  CHECK(entries == 1);
  CHECK(stdfs::is_empty(t.path / "project"));
}
