#pragma once
// Template contexts (JSON) for every kind of page: chapter, cover, lists, data, search, print.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "html.h"
#include "project.h"
#include "xref.h"

namespace annalist {

/// What the whole site knows after every page body is rendered.
struct SiteModel {
  std::vector<RenderedPage>* rendered = nullptr;  ///< per page, in report order
  std::vector<std::string> labels;                ///< 第1章 / 附录A / "" per page
  std::shared_ptr<const Targets> targets;         ///< cross-reference targets (shared by rebuilds)
  nlohmann::json highlights = nlohmann::json::array();  ///< cover figures, interpolated
  /// Sidebar entries rendered once (nav-item template), each as a page other than the current one.
  std::vector<std::string> nav_items;
  bool has_figures = false;  ///< some page has a numbered figure or table (else no figures.html)
};

/// True when some page has a numbered figure or table.
bool any_figures(const std::vector<RenderedPage>& rendered);

/// Renders every sidebar entry once, so that pages only join strings.
void render_nav_items(const Project& p, SiteModel& m, int jobs, Diagnostics& diags);

/// What every page's context holds whatever the page: lang, site, ui, has_figure_list,
/// has_data_appendix (built once per site).
nlohmann::json shared_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// shared_context plus one page's root prefix and head metadata.
nlohmann::json base_context(const Project& p, const BuildOptions& opts, const SiteModel& m, const std::string& url,
                            const std::string& title, const std::string& description);
/// A chapter/appendix/front page's own data, rendered on top of shared_context.
nlohmann::json chapter_context(const Project& p, const SiteModel& m, size_t i, std::string&& body);
/// The cover (index.html).
nlohmann::json cover_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// The list of figures and tables (figures.html).
nlohmann::json figures_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// The data appendix (data.html).
nlohmann::json data_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// The search page (search.html).
nlohmann::json search_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// The 404 page.
nlohmann::json notfound_context(const Project& p, const BuildOptions& opts, const SiteModel& m);
/// print.html: every page body in order (bodies already finalized for print).
nlohmann::json print_context(const Project& p, const BuildOptions& opts, const SiteModel& m,
                             const std::vector<std::string>& bodies);
/// sitemap.xml text (only when base_url is set).
std::string sitemap_xml(const Project& p, const SiteModel& m);
/// Where a data set is offered for download ("data/x.csv"), "" when it is not.
std::string data_download_path(const DataSet& ds);
/// The data set's bytes as offered for download.
std::string data_download_bytes(const DataSet& ds);

}  // namespace annalist
