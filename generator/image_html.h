#pragma once
// The HTML of an image on a page: <img> with the site path of its copy, its size and lazy
// loading, and the numbered <figure> of an image written alone with {#fig:id}.
#include <set>
#include <string>

#include "diagnostic.h"

namespace annalist {

class ImageStore;

/// An image as written on a page: ![alt](url "title").
struct ImageUse {
  std::string url, alt, title;  ///< as written (alt as plain text)
  std::string page_file;        ///< the page's source (paths are relative to it)
  std::string root;             ///< the project directory
  SourcePos pos;                ///< where it is written
};

/// A local image as a page shows it.
struct LocalImage {
  bool local = false;          ///< the URL names a project file (else it is left as written)
  std::string src;             ///< the copy's path for a page in chapters/; "" when it cannot be shown
  int width = 0, height = 0;   ///< 0 when unknown
};

/// Resolves use.url through images: a project file is read, measured and its project path added
/// to *deps; why it cannot be shown goes to diags.
LocalImage local_image(const ImageUse& use, const ImageStore* images, std::set<std::string>* deps, Diagnostics& diags);

/// Appends the <img> element for use to out. A local file (through images; null: every path
/// is written as it is) gets the path of its copy, written for a page in chapters/, and its
/// size; its project path goes to *deps. Problems (missing file, path out of the project, no
/// alt text) go to diags.
void image_element(const ImageUse& use, const ImageStore* images, std::set<std::string>* deps, std::string& out,
                   Diagnostics& diags);

/// Opens the <figure> of an image numbered as label, with id fig-<id> and its caption (ending in a
/// # link to the figure named link_name).
std::string image_figure_open(const std::string& id, const std::string& label, const std::string& caption,
                              const std::string& link_name);

}  // namespace annalist
