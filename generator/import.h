#pragma once
// `annalist import mdbook|quarto SRC OUT`: a book written for another tool becomes an annalist
// project. The library only reads (through FileSystem) and returns the project's files and
// what it could not carry over (located notes and warnings); the command layer writes them.
#include <string>
#include <vector>

#include "config.h"
#include "diagnostic.h"
#include "fs.h"
#include "scaffold.h"

namespace annalist {

/// A book read from another tool, before it is written out.
struct ImportedBook {
  std::string title, language = "en", author, description;
  std::vector<PageRef> front, chapters, appendices;  ///< the page tree, flat (see PageRef)
  std::vector<ScaffoldFile> files;                   ///< pages (rewritten) and copied assets
};

/// The report.yml that lists the book's pages, parts and sub-pages.
std::string report_yml(const ImportedBook& book, const std::string& tool);

/// Every file of src_dir (recursive) except skip_dirs (folders or files), copied as it is under
/// prefix; *.md and *.qmd files are left to the caller (pages are rewritten, not copied).
void copy_assets(const FileSystem& fs, const std::string& src_dir, const std::string& prefix,
                 const std::vector<std::string>& skip_dirs, ImportedBook& book);

/// The front matter an imported page needs: a slug when its file name is taken by another page
/// (two README.md), a title when the page has no `# title` of its own. "" when none is needed.
std::string import_front_matter(const std::string& slug, const std::string& title);

/// A warning at each prose block where a literal "{{" is left (it would be read as data).
void warn_braces(const std::string& md, const std::string& file, int first_line, Diagnostics& diags);

/// mdBook: book.toml ([book] title, authors, language, description), src/SUMMARY.md (prefix,
/// numbered and suffix chapters, part titles, nesting), {{#include}} / {{#rustdoc_include}} /
/// {{#playground}} expanded; images and other files of src/ copied.
std::vector<ScaffoldFile> import_mdbook(const std::string& book_dir, const FileSystem& fs, Diagnostics& diags);

/// Quarto: _quarto.yml (book: title, author, description, chapters with parts, appendices;
/// lang), .qmd/.md pages with their front matter reduced to title, @fig-/@tbl-/@sec- references
/// and {#fig-…} labels mapped to annalist's, links to .qmd files to .md, executable code chunks
/// kept as plain code and shortcodes left out (each with a located note or warning).
std::vector<ScaffoldFile> import_quarto(const std::string& project_dir, const FileSystem& fs, Diagnostics& diags);

}  // namespace annalist
