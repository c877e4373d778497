#include "scaffold.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace annalist {

namespace {

// The files of a new project, in the order they are listed to the user.
const char* const kScaffoldPaths[] = {
    "report.yml",
    "README.md",
    "chapters/01-introduction.md",
    "chapters/02-results.md",
    "appendices/a-about-the-data.md",
    "data/sales.csv",
    "data/_catalog.yml",
    ".gitignore",
};

// Creates path with its parent directories; never replaces an existing file.
bool write_new_file(const std::filesystem::path& path, const std::string& content, std::string* why) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    *why = ec.message();
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "wbx");  // "x": fail when the file exists
  if (!f) {
    *why = std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) *why = "write failed";
  return ok;
}

}  // namespace

bool scaffold_language_supported(const std::string& lang) { return lang.empty() || lang == "en" || lang == "zh-CN"; }

std::vector<ScaffoldFile> scaffold_files(const std::string& templates_dir, const std::string& lang,
                                         const FileSystem& fs, Diagnostics& diags) {
  std::string dir = path_join(templates_dir, "scaffold/" + (lang.empty() ? std::string("en") : lang));
  std::vector<ScaffoldFile> files;
  for (const char* rel : kScaffoldPaths) {
    std::string file = path_join(dir, rel);
    auto bytes = fs.read(file);
    if (!bytes) {
      diags.error({file, 0, 0}, "the sample project's file '" + std::string(rel) + "' was not found",
                  "set ANNALIST_TEMPLATES to the templates/ directory of annalist");
      continue;
    }
    files.push_back({rel, std::move(*bytes)});
  }
  return files;
}

ScaffoldTarget scaffold_target(const std::string& dir) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  if (!stdfs::exists(dir, ec)) return ScaffoldTarget::kOk;
  if (!stdfs::is_directory(dir, ec)) return ScaffoldTarget::kNotDirectory;
  if (!stdfs::is_empty(dir, ec) || ec) return ScaffoldTarget::kNotEmpty;
  return ScaffoldTarget::kOk;
}

bool write_scaffold(const std::string& dir, const std::vector<ScaffoldFile>& files, std::string* failed,
                    std::string* why) {
  std::filesystem::path root(dir);
  for (const auto& f : files) {
    if (!write_new_file(root / f.path, f.content, why)) {
      *failed = (root / f.path).generic_string();
      return false;
    }
  }
  return true;
}

}  // namespace annalist
