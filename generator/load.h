#pragma once
// Stage 1, load: report.yml, pages, data and theme into a Project.
#include "diagnostic.h"
#include "fs.h"
#include "output_safety.h"
#include "project.h"
#include "timing.h"

namespace annalist {

/// Loads report.yml, pages, data and theme into *project; every problem goes to diags. What
/// `previous` (the last load, may be null) holds for unchanged inputs is reused: pages and data
/// files with the same stamps or bytes are not parsed again, nor an unchanged report.yml. Stage
/// times go to *times when given. True when nothing reported an error.
bool load_project(const BuildOptions& opts, const FileSystem& fs, Project* project, Diagnostics& diags,
                  const Project* previous = nullptr, StageTimes* times = nullptr);

/// What the project reads, for the output checks: report.yml, the pages and data files read, the
/// data and static directories, the directories holding pages (but the project directory) and
/// the themes.
InputPaths project_inputs(const Project& project, const BuildOptions& opts);

}  // namespace annalist
