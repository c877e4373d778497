// The only test object that knows where the checkout and the build are, so the others do not
// depend on it (ccache shares them between checkouts).
#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <mutex>

#include "fs.h"
#include "load.h"
#include "render.h"

namespace annalist::test {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  auto k = s.find(from);
  INFO("replacing: " << from);
  REQUIRE(k != std::string::npos);
  return s.replace(k, from.size(), to);
}

void put_files(MemoryFileSystem& fs, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, bytes] : files) fs.put(path, bytes);
}

void check_each(const std::function<std::string(const std::string&)>& fn,
                const std::vector<std::pair<std::string, std::string>>& cases) {
  for (const auto& [input, expected] : cases) {
    INFO("input: " << input);
    CHECK(fn(input) == expected);
  }
}

std::map<std::string, std::string> render_in_memory(const BuildOptions& opts, const FileSystem& fs,
                                                    RenderCache* cache) {
  auto project = std::make_shared<Project>();
  Diagnostics d;
  REQUIRE(load_project(opts, fs, project.get(), d));
  std::map<std::string, std::string> files;
  std::mutex mu;
  SiteSink sink = [&](const std::string& path, std::string&& bytes) {
    std::lock_guard l(mu);
    files[path] = std::move(bytes);
  };
  if (cache) {
    REQUIRE(render_site_cached(project, opts, sink, *cache, nullptr, d));
  } else {
    RenderOutput out;
    out.files = sink;
    REQUIRE(render_site(project, opts, out, nullptr, d));
  }
  REQUIRE_FALSE(d.has_errors());
  return files;
}

Diagnostic only_diagnostic(const Diagnostics& d) {
  INFO(d.items().size() << " diagnostic(s)");
  REQUIRE(d.items().size() == 1);
  return d.items()[0];
}

void check_yaml_syntax_error(const Diagnostics& d, const std::string& file, int min_line) {
  Diagnostic e = only_diagnostic(d);
  CHECK(e.severity == Severity::kError);
  CHECK(e.pos.file == file);
  CHECK(e.pos.line >= min_line);
  CHECK(e.message.rfind("YAML syntax error", 0) == 0);
}

const std::string& source_dir() {
  static const std::string dir = ANNALIST_SOURCE_DIR;
  return dir;
}

std::string templates_dir() { return source_dir() + "/templates"; }

const std::string& binary_path() {
  static const std::string path = ANNALIST_BINARY;
  return path;
}

TempDir::TempDir(std::string_view name) {
  static std::atomic<int> counter{0};
  path = stdfs::temp_directory_path() /
         ("annalist-" + std::string(name) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  stdfs::remove_all(path);
  stdfs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  stdfs::remove_all(path, ec);
}

std::string read_file(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const stdfs::path& p, std::string_view bytes) {
  if (p.has_parent_path()) stdfs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::map<std::string, std::string> read_tree(const stdfs::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!stdfs::exists(dir, ec)) return files;
  for (const auto& e : stdfs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[stdfs::relative(e.path(), dir).generic_string()] = read_file(e.path());
  return files;
}

void copy_tree_into(const stdfs::path& dir, const std::string& prefix, MemoryFileSystem& fs) {
  for (auto& [rel, bytes] : read_tree(dir)) fs.put(prefix + "/" + rel, std::move(bytes));
}

RunResult run_annalist(const std::string& args) {
  TempDir io("run");
  std::string out = (io.path / "out").string(), err = (io.path / "err").string();
  std::string cmd = binary_path() + " " + args + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace annalist::test
