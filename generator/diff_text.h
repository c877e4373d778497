#pragma once
// The review of a site diff as terminal text.
#include <string>

#include "site_compare.h"

namespace annalist {

/// The review as terminal text; ANSI colour when colour is true; without details only the
/// summary and the page list.
std::string format_diff_text(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir,
                             bool colour, bool details = true);

}  // namespace annalist
