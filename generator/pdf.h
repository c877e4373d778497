#pragma once
// `annalist pdf`: build the site, then print print.html with headless Chromium.
#include <ostream>
#include <string>

#include "project.h"

namespace annalist {

/// The first Chromium found on PATH (chromium, chromium-browser, google-chrome), or "".
std::string find_chromium();

/// Builds opts.project_dir into a temporary site and prints print.html to pdf_out.
int run_pdf(const BuildOptions& opts, const std::string& pdf_out, std::ostream& out, std::ostream& err);

}  // namespace annalist
