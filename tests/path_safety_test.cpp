// Paths: nothing a project names (pages, the data directory, data paths in charts, tables and
// prose) may lead outside the project, not even through a symbolic link; and the output
// directory can never be one whose loss would hurt (the project, its parents, /, $HOME, or a
// directory annalist did not write).
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "load.h"
#include "output_safety.h"
#include "site_writer.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

const std::string kSource = source_dir();
const std::string kSecret = "TOP-SECRET-7f3a";

// <tmp>/outside holds secrets; <tmp>/project is a small valid report.
struct Sandbox {
  TempDir scratch{"paths"};
  stdfs::path root, project, outside;
  Sandbox() {
    root = scratch.path;
    project = root / "project";
    outside = root / "outside";
    write_file(outside / "secret.md", "---\ntitle: " + kSecret + "\n---\n" + kSecret + "\n");
    write_file(outside / "secret.csv", "k,v\na," + kSecret + "\n");
    write_file(outside / "data/secret.csv", "k,v\na," + kSecret + "\n");
    write_file(project / "chapters/c1.md", "---\ntitle: C\n---\n\n正文。\n");
    write_file(project / "data/ok.csv", "k,v\na,1\n");
    report("");
  }
  void report(const std::string& extra) {
    write_file(project / "report.yml", "title: T\n" + extra + (extra.find("chapters:") == std::string::npos ? "chapters: [chapters/c1.md]\n" : ""));
  }
  // What a command is asked to do with project: quietly, with the source tree's templates.
  BuildOptions options() const {
    BuildOptions o;
    o.project_dir = project.string();
    o.default_templates = kSource + "/templates";
    o.quiet = true;
    return o;
  }
  // Builds project into root/site; returns the exit code and the diagnostics.
  int build(std::string* err, const std::string& out = "") {
    BuildOptions o = options();
    o.out_dir = out.empty() ? (root / "site").string() : out;
    std::ostringstream so, se;
    int rc = run_build(o, so, se);
    *err = se.str();
    return rc;
  }
  // `annalist pdf` of project into out; returns the exit code and stderr.
  int pdf(const std::string& out, std::string* err) {
    std::ostringstream so, se;
    int rc = run_pdf(options(), out, so, se);
    *err = se.str();
    return rc;
  }
  // Checks that a build fails with an error that mentions why, and that no file of the site holds
  // the secret.
  void check_refused(const std::string& why) {
    std::string err;
    CHECK(build(&err) == 1);
    INFO(err);
    CHECK(err.find(why) != std::string::npos);
    CHECK_FALSE(site_leaks());
  }
  // True when any file of the site holds the secret.
  bool site_leaks() const {
    std::error_code ec;
    if (!stdfs::exists(root / "site", ec)) return false;
    for (auto& e : stdfs::recursive_directory_iterator(root / "site"))
      if (e.is_regular_file() && read_file(e.path()).find(kSecret) != std::string::npos) return true;
    return false;
  }
};

bool mentions(const std::string& err, const std::string& part) { return err.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("page paths cannot leave the project", "[security]") {
  Sandbox s;
  std::string err;
  for (const std::string& page : {std::string("../outside/secret.md"), std::string("chapters/../../outside/secret.md"),
                                  (s.outside / "secret.md").string(), std::string("..\\outside\\secret.md")}) {
    INFO(page);
    s.report("chapters: [chapters/c1.md, '" + page + "']\n");
    CHECK(s.build(&err) == 1);
    CHECK(mentions(err, "leaves the project directory"));
    CHECK_FALSE(mentions(err.substr(0, err.find("error")), kSecret));
    CHECK_FALSE(s.site_leaks());
  }
}

TEST_CASE("a page that is a symbolic link to a file outside the project is refused", "[security]") {
  Sandbox s;
  stdfs::create_symlink(s.outside / "secret.md", s.project / "chapters/link.md");
  s.report("chapters: [chapters/c1.md, chapters/link.md]\n");
  std::string err;
  s.check_refused("page path 'chapters/link.md' leads outside the project directory (symbolic link)");
  // A link inside the project is fine.
  stdfs::remove(s.project / "chapters/link.md");
  write_file(s.project / "pages/real.md", "---\ntitle: R\n---\nx\n");
  stdfs::create_symlink("../pages/real.md", s.project / "chapters/link.md");
  CHECK(s.build(&err) == 0);
  // So is a directory of pages linked from elsewhere in the project, but not one outside it.
  stdfs::remove(s.project / "chapters/link.md");
  stdfs::create_directories(s.project / "more");
  stdfs::create_directory_symlink(s.outside, s.project / "more/out");
  s.report("chapters: [chapters/c1.md, more/out/secret.md]\n");
  s.check_refused("leads outside the project directory");
}

TEST_CASE("the data directory cannot leave the project, by path or by link", "[security]") {
  Sandbox s;
  for (const std::string& dir : {std::string("../outside"), s.outside.string(), std::string("data/../../outside")}) {
    INFO(dir);
    s.report("data: '" + dir + "'\n");
    s.check_refused("leaves the project directory");
  }
  // data -> ../outside/data
  stdfs::remove_all(s.project / "data");
  stdfs::create_directory_symlink(s.outside / "data", s.project / "data");
  write_file(s.project / "chapters/c1.md", "---\ntitle: C\n---\n\n{{ data.secret[0].v }}\n");
  s.report("");
  s.check_refused("data directory 'data' leads outside the project directory (symbolic link)");
}

TEST_CASE("a data file that links outside the data directory is not loaded", "[security]") {
  Sandbox s;
  stdfs::create_symlink(s.outside / "secret.csv", s.project / "data/secret.csv");
  stdfs::create_directory_symlink(s.outside / "data", s.project / "data/linked-dir");
  std::string err;
  // Unused: the build succeeds, and neither file is copied into the data downloads.
  CHECK(s.build(&err) == 0);
  CHECK_FALSE(s.site_leaks());
  CHECK(stdfs::exists(s.root / "site/data/ok.csv"));
  CHECK_FALSE(stdfs::exists(s.root / "site/data/secret.csv"));
  // Used: it is an unknown data set.
  write_file(s.project / "chapters/c1.md", "---\ntitle: C\n---\n\n{{ data.secret[0].v }} {{ data.linked-dir.secret[0].v }}\n");
  s.check_refused("unknown data path 'data.secret[0].v'");
}

TEST_CASE("chart and table data paths cannot leave the data directory", "[security]") {
  Sandbox s;
  for (const std::string& path : {std::string("../outside/secret"), std::string("../../outside/secret"),
                                  (s.outside / "secret").string(), std::string("ok/../../x"), std::string("\\\\server\\x"),
                                  std::string("C:/x")}) {
    INFO(path);
    write_file(s.project / "chapters/c1.md", "---\ntitle: C\n---\n\n```chart\nid: c\ntype: bar\ntitle: t\ndata: '" + path +
                                             "'\nx: k\ny: [v]\n```\n\n```table\nid: t\ndata: '" + path + "'\n```\n");
    s.check_refused("leaves the data directory");
  }
}

TEST_CASE("the output directory is never the project, a parent, /, $HOME or someone else's", "[security]") {
  Sandbox s;
  const std::string project = s.project.string();
  CHECK(unsafe_output_reason(project, project) == "the output directory cannot be the project directory");
  CHECK(unsafe_output_reason(project + "/.", project) == "the output directory cannot be the project directory");
  CHECK(unsafe_output_reason(project + "/chapters/..", project) == "the output directory cannot be the project directory");
  CHECK(unsafe_output_reason(s.root.string(), project) == "the output directory cannot contain the project");
  CHECK(unsafe_output_reason(project + "/..", project) == "the output directory cannot contain the project");
  CHECK(unsafe_output_reason("/", project) == "the output directory cannot be the root directory");
  CHECK(unsafe_output_reason("/tmp/..", project) == "the output directory cannot be the root directory");
  CHECK_FALSE(unsafe_output_reason(project + "/chapters/c1.md", project).empty());  // a file
  // A link to the project is the project.
  stdfs::create_directory_symlink(s.project, s.root / "link-to-project");
  CHECK(unsafe_output_reason((s.root / "link-to-project").string(), project) ==
        "the output directory cannot be the project directory");

  // $HOME (pointed at a scratch directory for the test).
  const char* old_home = std::getenv("HOME");
  std::string saved = old_home ? old_home : "";
  stdfs::create_directories(s.root / "home");
  write_file(s.root / "home/.profile", "keep me\n");
  setenv("HOME", (s.root / "home").string().c_str(), 1);
  std::string why_home = unsafe_output_reason((s.root / "home").string(), project);
  std::string why_home_slash = unsafe_output_reason((s.root / "home").string() + "/", project);
  std::string err;
  int rc_home = s.build(&err, (s.root / "home").string());
  if (old_home) setenv("HOME", saved.c_str(), 1);
  else unsetenv("HOME");
  CHECK(why_home == "the output directory cannot be the home directory");
  CHECK(why_home_slash == "the output directory cannot be the home directory");
  CHECK(rc_home != 0);
  CHECK(read_file(s.root / "home/.profile") == "keep me\n");

  // The project itself, by run_build: refused, and nothing in it is touched.
  CHECK(s.build(&err, project) != 0);
  CHECK(mentions(err, "cannot be the project directory"));
  CHECK(stdfs::exists(s.project / "report.yml"));
  CHECK(stdfs::exists(s.project / "chapters/c1.md"));
  CHECK(s.build(&err, s.root.string()) != 0);
  CHECK(stdfs::exists(s.outside / "secret.md"));
}

TEST_CASE("an output inside a directory the project reads is refused: it would be read back as input", "[security]") {
  Sandbox s;
  std::string err;
  for (const char* rel : {"data/site", "data", "chapters/site", "data/sub/site"}) {
    INFO(rel);
    CHECK(s.build(&err, (s.project / rel).string()) == 2);
    CHECK(mentions(err, "is inside the project's input directory"));
    CHECK(mentions(err, "hint: write the site outside the inputs, e.g. -o " + (s.project / "_site").string()));
  }
  CHECK_FALSE(stdfs::exists(s.project / "data/site"));
  CHECK_FALSE(stdfs::exists(s.project / "chapters/site"));
  // A user theme, inside the project or not.
  stdfs::create_directories(s.root / "theme");
  BuildOptions o;
  o.project_dir = s.project.string();
  o.out_dir = (s.root / "theme/site").string();
  o.templates_dir = (s.root / "theme").string();
  o.default_templates = kSource + "/templates";
  o.quiet = true;
  std::ostringstream so, se;
  CHECK(run_build(o, so, se) == 2);
  CHECK(mentions(se.str(), "is inside the project's input directory '" + (s.root / "theme").string() + "'"));
  // The default PROJECT/_site is fine, unless the data directory is the project itself.
  CHECK(s.build(&err, (s.project / "_site").string()) == 0);
  s.report("data: .\n");
  CHECK(s.build(&err, (s.project / "_site").string()) == 2);
  CHECK(mentions(err, "is inside the project's input directory '" + s.project.string() + "'"));
}

TEST_CASE("`pdf -o` never writes over the project's inputs, a directory or a file that is not a PDF", "[security]") {
  // Refused before anything is built or Chromium is looked for, so the test needs no Chromium.
  Sandbox s;
  const std::string report = read_file(s.project / "report.yml");
  std::string err;
  CHECK(s.pdf((s.project / "report.yml").string(), &err) == 2);
  CHECK(mentions(err, "error: the PDF file '" + (s.project / "report.yml").string() + "' is the project's input file"));
  CHECK(mentions(err, "hint: write the PDF outside the project's input files and directories"));
  CHECK(read_file(s.project / "report.yml") == report);
  // A page, a data file, anything inside the data or a page directory.
  for (const char* rel : {"chapters/c1.md", "data/ok.csv", "data/new.pdf", "chapters/new.pdf"}) {
    INFO(rel);
    std::string before = read_file(s.project / rel);
    CHECK(s.pdf((s.project / rel).string(), &err) == 2);
    CHECK(read_file(s.project / rel) == before);
  }
  CHECK(mentions(err, "is inside the project's input directory"));
  // The project itself, a directory, a file that is not a PDF, no name at all.
  CHECK(s.pdf(s.project.string(), &err) == 2);
  CHECK(mentions(err, "the PDF file cannot be the project directory"));
  stdfs::create_directories(s.root / "dir");
  CHECK(s.pdf((s.root / "dir").string(), &err) == 2);
  CHECK(mentions(err, "error: '" + (s.root / "dir").string() + "' is a directory"));
  write_file(s.root / "notes.txt", "my notes\n");
  CHECK(s.pdf((s.root / "notes.txt").string(), &err) == 2);
  CHECK(mentions(err, "exists and is not a PDF"));
  CHECK(read_file(s.root / "notes.txt") == "my notes\n");
  CHECK(s.pdf("", &err) == 2);
  CHECK(mentions(err, "no PDF file given"));
  // An earlier PDF, or a new file beside the project, passes the check.
  write_file(s.root / "old.pdf", "%PDF-1.4\n");
  CHECK(check_pdf_output((s.root / "old.pdf").string(), s.project.string()).why.empty());
  CHECK(check_pdf_output((s.project / "report.pdf").string(), s.project.string()).why.empty());
}

TEST_CASE("a non-empty directory that annalist did not write is never replaced", "[security]") {
  Sandbox s;
  stdfs::path out = s.root / "docs";
  write_file(out / "precious.txt", "user data\n");
  write_file(out / "index.html", "<p>hand written</p>\n");
  std::string err;
  CHECK(s.build(&err, out.string()) == 2);
  CHECK(mentions(err, "is not empty and was not written by annalist"));
  CHECK(read_file(out / "precious.txt") == "user data\n");
  CHECK(read_file(out / "index.html") == "<p>hand written</p>\n");
  // Hidden files count too; an empty directory may be used.
  stdfs::remove(out / "precious.txt");
  stdfs::remove(out / "index.html");
  write_file(out / ".git/HEAD", "ref: refs/heads/main\n");
  CHECK(s.build(&err, out.string()) == 2);
  CHECK(read_file(out / ".git/HEAD") == "ref: refs/heads/main\n");
  stdfs::remove_all(out / ".git");
  CHECK(s.build(&err, out.string()) == 0);
  CHECK(stdfs::exists(out / kSiteMarker));
  // Once annalist owns it, it replaces it whole; the staging directory is gone.
  write_file(s.project / "chapters/c1.md", "---\ntitle: C2\n---\n\nnew\n");
  CHECK(s.build(&err, out.string()) == 0);
  for (auto& e : stdfs::directory_iterator(s.root)) {
    INFO(e.path());
    CHECK(e.path().filename().string().find(".annalist-") == std::string::npos);
  }
}

TEST_CASE("path_is_contained: no '..' component, not absolute, no drive or backslash", "[path]") {
  for (const char* ok : {"a", "a/b.md", "a/./b", "a//b", "a/..b", "..a/b", "a/b..", "chapters/01.md", "a/"})
    CHECK(path_is_contained(ok));
  for (const char* bad : {"", "..", "../x", "a/../b", "a/..", "a/b/../../c", "/abs", "\\x", "c:/x", "a\\b"})
    CHECK_FALSE(path_is_contained(bad));
  CHECK_FALSE(path_is_contained(std::string("a\0b", 3)));
}

TEST_CASE("a page replaced by a link to outside the project is refused on the next load (serve)", "[security]") {
  Sandbox s;
  s.report("chapters: [chapters/c1.md]\n");
  BuildOptions o;
  o.project_dir = s.project.string();
  o.default_templates = kSource + "/templates";
  RealFileSystem fs;
  Project first, second;
  Diagnostics d1, d2;
  REQUIRE(load_project(o, fs, &first, d1));
  // The same bytes outside, so only the path walk can tell.
  write_file(s.outside / "c1.md", read_file(s.project / "chapters/c1.md"));
  stdfs::remove(s.project / "chapters/c1.md");
  stdfs::create_symlink(s.outside / "c1.md", s.project / "chapters/c1.md");
  CHECK_FALSE(load_project(o, fs, &second, d2, &first));
  std::ostringstream err;
  print_diagnostics(d2, err);
  CHECK(mentions(err.str(), "page path 'chapters/c1.md' leads outside the project directory (symbolic link)"));
}

TEST_CASE("a page swapped between a file and a link to outside the project is never read through the link",
          "[security]") {
  // Another process flips chapters/c1.md between a regular file and a link to a secret outside,
  // as fast as it can. A check of the path followed by an open of the path can be overtaken
  // between the two; the opened file itself must be checked.
  Sandbox s;
  s.report("chapters: [chapters/c1.md]\n");
  stdfs::path page = s.project / "chapters/c1.md", tmp = s.project / "chapters/.swap";
  std::string good = read_file(page);
  std::atomic<bool> stop{false};
  std::thread flipper([&] {
    for (bool link = true; !stop; link = !link) {
      std::error_code ec;
      stdfs::remove(tmp, ec);
      if (link) stdfs::create_symlink(s.outside / "secret.md", tmp, ec);
      else write_file(tmp, good);
      stdfs::rename(tmp, page, ec);
    }
  });
  BuildOptions o;
  o.project_dir = s.project.string();
  o.default_templates = kSource + "/templates";
  RealFileSystem fs;
  int leaks = 0, refused = 0;
  for (int i = 0; i < 3000 && leaks == 0; ++i) {
    Project p;
    Diagnostics d;
    load_project(o, fs, &p, d);
    for (const auto& pg : p.pages)
      if (pg.title == kSecret) ++leaks;
    if (d.has_errors()) ++refused;
  }
  stop = true;
  flipper.join();
  CHECK(leaks == 0);
  CHECK(refused > 0);  // the link was met (and refused) at least once
}

TEST_CASE("a named pipe, socket or device where an input should be is refused, never waited on", "[security]") {
  Sandbox s;
  REQUIRE(::mkfifo((s.project / "chapters/pipe.md").c_str(), 0600) == 0);
  REQUIRE(::mkfifo((s.project / "data/pipe.csv").c_str(), 0600) == 0);
  s.report("chapters: [chapters/c1.md, chapters/pipe.md, /dev/zero]\n");
  std::string err;
  CHECK(s.build(&err) == 1);
  CHECK(mentions(err, "report.yml:2:28: error: page 'chapters/pipe.md' is a named pipe (FIFO), not a regular file"));
  CHECK(mentions(err, "data/pipe.csv:1:1: error: data file 'pipe.csv' is a named pipe (FIFO), not a regular file"));
  // /dev/zero is refused as leaving the project before it is opened.
  CHECK(mentions(err, "page path '/dev/zero' leaves the project directory"));
  RealFileSystem fs;
  std::string why;
  CHECK_FALSE(fs.read_input(s.project.string(), (s.project / "chapters/pipe.md").string(), &why));
  CHECK(why == "is a named pipe (FIFO), not a regular file");
  CHECK_FALSE(fs.read_input("", "/dev/null", &why));
  CHECK(why == "is a character device, not a regular file");
  CHECK_FALSE(fs.read_input(s.project.string(), (s.project / "nope.md").string(), &why));
  CHECK(why == "does not exist");
  CHECK_FALSE(fs.read((s.project / "chapters/pipe.md").string()));
}
