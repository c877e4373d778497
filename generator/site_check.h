#pragma once
// `annalist check`'s checks beyond a build's: broken links, unused data files, figures and
// tables never referenced.
#include <memory>

#include "diagnostic.h"
#include "project.h"

namespace annalist {

/// Renders the project in memory (nothing is written) and reports, besides every problem a build
/// reports, each broken internal link as an error and each data file no page uses and each figure
/// or table never referenced as a warning; with opts.changed_ids, a note at each heading whose id
/// differs from the one the rule before GitHub-style ids gave; with opts.origins, a note at each
/// data set's catalog origin.
void check_site(std::shared_ptr<const Project> project, const BuildOptions& opts, Diagnostics& diags);

}  // namespace annalist
