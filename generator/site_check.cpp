#include "site_check.h"

#include <algorithm>
#include <set>

#include "links.h"
#include "render.h"

namespace annalist {

namespace {

// Warnings for things written but never used.
void check_unused(const Project& project, const std::vector<RenderedPage>& rendered, Diagnostics& diags) {
  std::set<std::string> used_data, used_refs;
  for (const auto& r : rendered) {
    used_data.insert(r.data_deps.begin(), r.data_deps.end());
    for (const auto& x : r.xrefs) used_refs.insert(x.kind + ":" + x.id);
  }
  for (const auto& [path, ds] : project.data.sets) {
    std::string dotted = path;
    std::replace(dotted.begin(), dotted.end(), '/', '.');
    if (!used_data.count(path))
      diags.warning({ds.file, 0, 0}, "data file '" + path + "' is not used by any page",
                    "use it in a chart, a table or {{ data." + dotted + "… }}, or remove it");
  }
  for (const auto& r : rendered)
    for (const auto& f : r.figures)
      if (!used_refs.count((f.table ? "tbl:" : "fig:") + f.id))
        diags.warning(f.pos, std::string(f.table ? "table" : "figure") + " '" + f.id + "' is never referenced",
                      std::string("refer to it in the text: @") + (f.table ? "tbl:" : "fig:") + f.id);
}

}  // namespace

void check_site(std::shared_ptr<const Project> project, const BuildOptions& opts, Diagnostics& diags) {
  SiteLinks links;
  SiteSink sink = [&](const std::string& path, std::string&& bytes) { links.add_file(path, bytes); };
  RenderCache cache;
  render_site_cached(project, opts, sink, cache, nullptr, diags);
  report_broken_links(links, project->pages, *cache.rendered, diags);
  check_unused(*project, *cache.rendered, diags);
}

}  // namespace annalist
