#pragma once
// The review of a site diff as one HTML page.
#include <string>

#include "site_compare.h"

namespace annalist {

/// The review as one self-contained HTML5 page (inline CSS, no scripts).
std::string format_diff_html(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir);

}  // namespace annalist
