#include "site_check.h"

#include <algorithm>
#include <set>

#include "links.h"
#include "numbering.h"
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
  for (const auto& [path, set] : project.data.sets) {
    const DataSet& ds = *set;
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

// A note at each heading whose id the GitHub/mdBook rule (heading_slug) made different from the
// old one, so that links written against the old id can be found and fixed.
void note_changed_ids(const std::vector<RenderedPage>& rendered, Diagnostics& diags) {
  for (const auto& r : rendered)
    for (const auto& h : r.headings)
      if (h.old_id != h.id)
        diags.add({Severity::kNote, h.pos, "heading id changed from '#" + h.old_id + "' to '#" + h.id + "'",
                   "update links to #" + h.old_id +
                       (valid_heading_id(h.old_id) ? ", or keep the old id: {#" + h.old_id + "} after the heading" : "")});
}

// A note at each catalog origin: where the numbers of a data set were taken from. It is for
// editors, so the reader pages never show it; this is where they find it.
void note_origins(const Project& project, Diagnostics& diags) {
  for (const auto& [path, ds] : project.data.sets)
    if (!ds->origin.empty())
      diags.add({Severity::kNote, ds->origin_pos, "data set '" + path + "' comes from: " + ds->origin, ""});
}

}  // namespace

void check_site(std::shared_ptr<const Project> project, const BuildOptions& opts, Diagnostics& diags) {
  SiteLinks links;
  SiteSink sink = [&](const std::string& path, std::string&& bytes) { links.add_file(path, bytes); };
  RenderCache cache;
  render_site_cached(project, opts, sink, cache, nullptr, diags);
  report_broken_links(links, project->pages, *cache.rendered, diags);
  check_unused(*project, *cache.rendered, diags);
  if (opts.changed_ids) note_changed_ids(*cache.rendered, diags);
  if (opts.origins) note_origins(*project, diags);
}

}  // namespace annalist
