#pragma once
// Where annalist may write: one rule for the site directory of `build` and the PDF file of `pdf`.
// Never over the project's inputs or inside a directory it reads (a site in data/ would be read
// back in as data by the next build), never the project, a parent of it, / or $HOME, never a
// file or directory annalist did not write.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace annalist {

/// What a project reads: no output may be one of these or lie inside them.
struct InputPaths {
  /// A project known only by its directory (before its report.yml is read).
  InputPaths(std::string project = ".") : project_dir(std::move(project)) {}  // NOLINT: implicit on purpose
  std::string project_dir;        ///< holds report.yml; outputs may lie inside it (PROJECT/_site), not be it
  std::vector<std::string> dirs;  ///< directories read or holding pages: data, chapters, themes
  std::vector<std::string> files; ///< every file read: report.yml, pages, data files
};

/// Why an output cannot be written there (why is "" when it can) and what to do instead.
struct OutputProblem {
  std::string why, hint;
};

/// The checks for a site directory at out_dir.
OutputProblem check_site_output(const std::string& out_dir, const InputPaths& inputs);

/// The checks for a PDF file at out_file: also not a directory, and not an existing file that is
/// not a PDF (annalist overwrites only PDFs).
OutputProblem check_pdf_output(const std::string& out_file, const InputPaths& inputs);

/// check_site_output(out_dir, inputs).why.
std::string unsafe_output_reason(const std::string& out_dir, const InputPaths& inputs);

/// p made absolute, links resolved as far as it exists, "." and ".." removed, no trailing slash.
std::filesystem::path absolute_clean(const std::string& p);

/// True when inner lies strictly below outer (both absolute_clean).
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

}  // namespace annalist
