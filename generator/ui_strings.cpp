#include "ui_strings.h"

#include <nlohmann/json.hpp>

namespace annalist {

namespace {

std::string get(const nlohmann::json& ui, const char* key) {
  auto it = ui.find(key);
  return it != ui.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Caption texts: missing prefixes are empty; the chart texts keep their defaults when missing.
FigureText figure_text(const nlohmann::json& ui) {
  FigureText t;
  t.source_prefix = get(ui, "source_prefix");
  t.unit_prefix = get(ui, "unit_prefix");
  t.data_table = get(ui, "data_table");
  t.download = get(ui, "download_csv");
  t.note_prefix = get(ui, "note_prefix");
  for (auto [key, field] : {std::pair{"other", &t.other}, {"chart_desc_series", &t.desc_series},
                            {"chart_desc_slices", &t.desc_slices}, {"list_separator", &t.list_sep},
                            {"chart_mark_title", &t.mark_title},
                            {"table_region", &t.table_region}, {"no_chart_data", &t.no_chart},
                            {"anchor_link", &t.anchor_link}, {"download_svg", &t.download_svg}}) {
    std::string v = get(ui, key);
    if (!v.empty()) *field = v;
  }
  return t;
}

}  // namespace

UiStrings ui_strings(const nlohmann::json& ui) {
  UiStrings s;
  const std::pair<const char*, std::string*> fields[] = {
      {"chapter_label", &s.chapter_label},         {"appendix_label", &s.appendix_label},
      {"section_ref", &s.section_ref},             {"figure_label", &s.figure_label},
      {"table_label", &s.table_label},             {"figure_label_front", &s.figure_label_front},
      {"table_label_front", &s.table_label_front}, {"footnotes", &s.footnotes},
      {"back_to_text", &s.back_to_text},           {"list_of_figures", &s.list_of_figures},
      {"data_appendix", &s.data_appendix},         {"search", &s.search},
      {"not_found", &s.not_found},                 {"print_version", &s.print_version},
      {"code_does_not_compile", &s.code_does_not_compile}, {"code_panics", &s.code_panics},
      {"code_not_desired_behavior", &s.code_not_desired}, {"date_format", &s.date_format},
      {"month_names", &s.month_names}};
  for (const auto& [key, field] : fields) *field = get(ui, key);
  const char* const alerts[] = {"alert_note", "alert_tip", "alert_important", "alert_warning", "alert_caution"};
  for (size_t i = 0; i < s.alert_titles.size(); ++i) s.alert_titles[i] = get(ui, alerts[i]);
  s.figure = figure_text(ui);
  return s;
}

}  // namespace annalist
