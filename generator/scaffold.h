#pragma once
// `annalist new DIR`: a small report project that builds at once and teaches the format. Its
// files live beside the built-in theme, in <templates>/scaffold/<lang>/.
#include <string>
#include <vector>

#include "diagnostic.h"
#include "fs.h"

namespace annalist {

/// One file of a new project.
struct ScaffoldFile {
  std::string path;     ///< relative to the project directory, '/'-separated
  std::string content;  ///< the file's bytes (UTF-8)
};

/// True for the languages a new project can be written in: "en" and "zh-CN".
bool scaffold_language_supported(const std::string& lang);

/// Every file of a new project in lang ("en" or "zh-CN"; "" means "en"), in a fixed order,
/// read from templates_dir/scaffold/<lang>/; a file that cannot be read is an error in diags.
std::vector<ScaffoldFile> scaffold_files(const std::string& templates_dir, const std::string& lang,
                                         const FileSystem& fs, Diagnostics& diags);

/// Writes files under dir through fs, creating directories and never replacing an existing
/// file (callers first check that fs.dir_state(dir) is kMissing or kEmpty). On failure returns
/// false with the path that failed in *failed and the reason in *why.
bool write_scaffold(FileSystem& fs, const std::string& dir, const std::vector<ScaffoldFile>& files, std::string* failed,
                    std::string* why);

}  // namespace annalist
