#include "scaffold.h"


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

bool write_scaffold(FileSystem& fs, const std::string& dir, const std::vector<ScaffoldFile>& files, std::string* failed,
                    std::string* why) {
  for (const auto& f : files) {
    if (!fs.create_file(path_join(dir, f.path), f.content, why)) {
      *failed = path_join(dir, f.path);
      return false;
    }
  }
  return true;
}

}  // namespace annalist
