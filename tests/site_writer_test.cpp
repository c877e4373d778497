#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <filesystem>
#include <fstream>

#include "site_writer.h"

using namespace annalist;
namespace stdfs = std::filesystem;

static std::string slurp(const stdfs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct TempDir {
  stdfs::path path;
  TempDir() {
    path = stdfs::temp_directory_path() / ("annalist-test-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(reinterpret_cast<uintptr_t>(this)));
    stdfs::remove_all(path);
    stdfs::create_directories(path / "project");
  }
  ~TempDir() { stdfs::remove_all(path); }
};

TEST_CASE("a committed site replaces the previous one whole", "[site_writer]") {
  TempDir t;
  auto out = (t.path / "site").string();
  {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "one");
    w.write("chapters/a.html", "A");
    REQUIRE(w.commit("annalist-site x\n", d));
  }
  CHECK(slurp(t.path / "site/index.html") == "one");
  CHECK(read_site_marker(out) == "annalist-site x\n");
  {
    SiteWriter w;
    Diagnostics d;
    REQUIRE(w.begin(out, (t.path / "project").string(), d));
    w.write("index.html", "two");
    REQUIRE(w.commit("annalist-site y\n", d));
  }
  CHECK(slurp(t.path / "site/index.html") == "two");
  CHECK_FALSE(stdfs::exists(t.path / "site/chapters/a.html"));
  // No staging or old directories are left behind.
  int entries = 0;
  for (auto& e : stdfs::directory_iterator(t.path)) entries += e.path().filename() != "project";
  CHECK(entries == 1);
}

TEST_CASE("an aborted build leaves the previous site untouched", "[site_writer]") {
  TempDir t;
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
  CHECK(slurp(t.path / "site/index.html") == "old");
}

TEST_CASE("stale staging directories of killed builds are cleaned up", "[site_writer]") {
  TempDir t;
  auto stale = t.path / ".site.annalist-tmp-99999";
  stdfs::create_directories(stale);
  std::ofstream(stale / "index.html") << "half";
  SiteWriter w;
  Diagnostics d;
  REQUIRE(w.begin((t.path / "site").string(), (t.path / "project").string(), d));
  CHECK_FALSE(stdfs::exists(stale));
  REQUIRE(w.commit("m\n", d));
}

TEST_CASE("unsafe output directories are refused", "[site_writer]") {
  TempDir t;
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
  CHECK(slurp(t.path / "mine/notes.txt") == "precious");
  CHECK(unsafe_output_reason((t.path / "fresh").string(), proj).empty());
}

TEST_CASE("files whose bytes did not change are linked from the replaced site, not written again", "[site_writer]") {
  TempDir t;
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
  CHECK(slurp(t.path / "site/chapters/a.html") == "A");
  CHECK(slurp(t.path / "site/chapters/b.html") == "B2");
  // Same size, other bytes: written anew.
  build("Z", "B2", "annalist-site 3\n");
  CHECK(slurp(t.path / "site/chapters/a.html") == "Z");
  // A symbolic link in the old site is never followed or linked.
  stdfs::remove(t.path / "site/chapters/b.html");
  std::ofstream(t.path / "outside.txt") << "B2";
  stdfs::create_symlink(t.path / "outside.txt", t.path / "site/chapters/b.html");
  build("Z", "B2", "annalist-site 4\n");
  CHECK_FALSE(stdfs::is_symlink(t.path / "site/chapters/b.html"));
  CHECK(slurp(t.path / "site/chapters/b.html") == "B2");
  CHECK(slurp(t.path / "outside.txt") == "B2");
}
