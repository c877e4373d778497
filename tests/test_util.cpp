// The only test object that knows where the checkout and the build are, so the others do not
// depend on it (ccache shares them between checkouts).
#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "fs.h"

namespace annalist::test {

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
