#pragma once
// Helpers every test file shares: where the sources and the binary are, scratch directories on
// the real disk, reading and writing files, running the annalist binary, and the checks that
// many tests make (a table of inputs and outputs, the one diagnostic of a run).
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostic.h"

namespace annalist {
class FileSystem;
class MemoryFileSystem;
struct BuildOptions;
struct RenderCache;
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
/// s with the first `from` replaced by `to`; the test stops when s does not hold `from`.
std::string replace_once(std::string s, const std::string& from, const std::string& to);
/// Puts each {path, bytes} into fs.
void put_files(MemoryFileSystem& fs, const std::vector<std::pair<std::string, std::string>>& files);

/// Checks fn(input) == expected for each {input, expected}, naming the input of a failed case.
void check_each(const std::function<std::string(const std::string&)>& fn,
                const std::vector<std::pair<std::string, std::string>>& cases);
/// The one diagnostic of d; the test stops (REQUIRE) when d holds none or several.
Diagnostic only_diagnostic(const Diagnostics& d);
/// Checks that d holds one error, a YAML syntax error in file on line min_line or later (yaml-cpp
/// may place it past the unclosed bracket).
void check_yaml_syntax_error(const Diagnostics& d, const std::string& file, int min_line);

/// Loads opts' project from fs and renders it into memory: output path -> bytes. With a cache as
/// serve renders (render_site_cached), without one as a build does (render_site). The test stops
/// when loading or rendering reports an error.
std::map<std::string, std::string> render_in_memory(const BuildOptions& opts, const FileSystem& fs,
                                                    RenderCache* cache = nullptr);

/// What a run of the binary did.
struct RunResult {
  int code = -1;    ///< exit code, -1 when it did not exit normally
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};
/// Runs the annalist binary with args (shell words, already quoted where needed).
RunResult run_annalist(const std::string& args);

}  // namespace annalist::test
