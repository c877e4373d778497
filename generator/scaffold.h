#pragma once
// `annalist new DIR`: writes a small report project that builds at once and teaches the format.
#include <ostream>
#include <string>
#include <vector>

namespace annalist {

/// One file of a new project.
struct ScaffoldFile {
  std::string path;     ///< relative to the project directory, '/'-separated
  std::string content;  ///< the file's bytes (UTF-8)
};

/// True for the languages a new project can be written in: "en" and "zh-CN".
bool scaffold_language_supported(const std::string& lang);
/// Every file of a new project in lang ("en" or "zh-CN"; "" means "en"), in a fixed order.
std::vector<ScaffoldFile> scaffold_files(const std::string& lang);

/// `annalist new DIR [--lang en|zh-CN]`: 0 created, 1 DIR exists and is not empty (or cannot be
/// written; nothing is overwritten), 2 unknown language.
int run_new_command(const std::string& dir, const std::string& lang, std::ostream& out, std::ostream& err);

}  // namespace annalist
