#pragma once
// Helpers every test file shares: where the sources and the binary are, scratch directories on
// the real disk, reading and writing files, running the annalist binary.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace annalist {
class MemoryFileSystem;
}

namespace annalist::test {

namespace stdfs = std::filesystem;

/// The source tree (fixtures, goldens, templates).
const std::string& source_dir();
/// The built-in templates of the source tree.
std::string templates_dir();
/// The annalist binary built beside the tests.
const std::string& binary_path();

/// A fresh empty directory below the system's temp dir, removed with its contents at the end.
struct TempDir {
  stdfs::path path;
  explicit TempDir(std::string_view name = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  stdfs::path operator/(const std::string& rel) const { return path / rel; }
};

/// A file's bytes ("" when it cannot be read).
std::string read_file(const stdfs::path& p);
/// Writes a file, creating its directories.
void write_file(const stdfs::path& p, std::string_view bytes);
/// Every regular file below dir, as relative path -> bytes ({} when dir does not exist).
std::map<std::string, std::string> read_tree(const stdfs::path& dir);
/// Copies every regular file below dir into fs, below prefix.
void copy_tree_into(const stdfs::path& dir, const std::string& prefix, MemoryFileSystem& fs);

/// What a run of the binary did.
struct RunResult {
  int code = -1;    ///< exit code, -1 when it did not exit normally
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};
/// Runs the annalist binary with args (shell words, already quoted where needed).
RunResult run_annalist(const std::string& args);

}  // namespace annalist::test
