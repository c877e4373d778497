// Parsing and checking the YAML of ```chart blocks.
#include <algorithm>

#include "chart.h"
#include "text.h"
#include "yaml_util.h"

namespace annalist {

namespace {

const std::vector<std::string> kTypes = {"bar", "stacked", "hbar", "line", "area",
                                         "pie", "donut", "combo", "scatter"};
const KeySchema kChartFields = {"chart field", "", "chart fields",
                                {"id", "type", "title", "data", "x", "y", "y2", "unit", "y2unit", "source", "note",
                                 "labels", "names", "label"}};

// Where id and type are written (for the errors about their values).
struct FieldPositions {
  SourcePos type, id;
};

void read_y(const YAML::Node& v, const SourcePos& vpos, const SourcePos& pos, ChartSpec* out, Diagnostics& diags) {
  if (v.IsScalar()) {
    out->y.push_back(v.Scalar());
    out->y_pos.push_back(vpos);
  } else if (v.IsSequence()) {
    for (const auto& item : v) {
      if (!item.IsScalar()) {
        diags.error(yaml_block_pos(item, pos), "each y entry must be a column name");
        continue;
      }
      out->y.push_back(item.Scalar());
      out->y_pos.push_back(yaml_block_pos(item, pos));
    }
  } else {
    diags.error(vpos, "'y' must be a column name or a list of column names", "e.g. y: [amount, growth]");
  }
}

// A field whose value is one line of text.
void read_text_field(const std::string& key, const YAML::Node& v, const SourcePos& vpos, const SourcePos& pos,
                     ChartSpec* out, FieldPositions* at, Diagnostics& diags) {
  std::string s;
  if (!v.IsNull()) {
    if (!v.IsScalar())
      diags.error(yaml_block_pos(v, pos), "chart field '" + key + "' must be text", "write it on one line: " + key + ": …");
    else
      s = v.Scalar();
  }
  if (key == "id") out->id = s, at->id = vpos;
  else if (key == "type") out->type = s, at->type = vpos;
  else if (key == "title") out->title = s, out->text_pos.title = vpos;
  else if (key == "data") out->data = s, out->data_pos = vpos;
  else if (key == "x") out->x = s, out->x_pos = vpos;
  else if (key == "y2") out->y2 = s, out->y2_pos = vpos;
  else if (key == "unit") out->unit = s;
  else if (key == "y2unit") out->y2unit = s;
  else if (key == "source") out->source = s, out->text_pos.source = vpos;
  else if (key == "note") out->note = s, out->text_pos.note = vpos;
  else if (key == "label") out->label = s, out->label_pos = vpos;
}

void read_field(const std::string& key, const YAML::Node& v, const SourcePos& vpos, const SourcePos& pos,
                ChartSpec* out, FieldPositions* at, Diagnostics& diags) {
  if (key == "y") {
    read_y(v, vpos, pos, out, diags);
  } else if (key == "names") {
    if (!v.IsMap()) {
      diags.error(vpos, "'names' must map column names to display names", "e.g. names: {amount: 网上零售额}");
      return;
    }
    for (const auto& nm : v) out->names.push_back({yaml_scalar(nm.first), yaml_scalar(nm.second)});
  } else if (key == "labels") {
    std::string s = yaml_scalar(v);
    if (s == "true" || s == "yes" || s == "on") out->labels = true;
    else if (s == "false" || s == "no" || s == "off") out->labels = false;
    else diags.error(vpos, "'" + key + "' must be true or false", "labels: true shows the values on the chart");
  } else {
    read_text_field(key, v, vpos, pos, out, at, diags);
  }
}

void check_required(const ChartSpec& s, const SourcePos& pos, Diagnostics& diags) {
  const std::pair<const char*, bool> required[] = {{"id", s.id.empty()},
                                                   {"type", s.type.empty()},
                                                   {"data", s.data.empty()},
                                                   {"x", s.x.empty()},
                                                   {"y", s.y.empty()}};
  for (const auto& [name, missing] : required) {
    if (!missing) continue;
    std::string n = name;
    std::string hint = n == "id"     ? "add id: NAME (the anchor fig-NAME, referenced as @fig:NAME)"
                     : n == "type"   ? "add type: one of " + list_of(kTypes)
                     : n == "data"   ? "add data: PATH (the data file without extension, e.g. ch01/indicators)"
                     : n == "x"      ? "add x: COLUMN (the category column)"
                                     : "add y: [COLUMN] (the value columns)";
    diags.error(pos, "chart is missing '" + n + "'", hint);
  }
}

// Checks between fields: the id's characters, the type, and fields that only some types use.
void check_fields(const ChartSpec& s, const SourcePos& pos, const FieldPositions& at, Diagnostics& diags) {
  if (!s.id.empty() && !valid_figure_id(s.id))
    diags.error(at.id, "chart id '" + s.id + "' may only use letters, digits, '-' and '_'", "e.g. id: retail-growth");
  if (!s.type.empty() && std::find(kTypes.begin(), kTypes.end(), s.type) == kTypes.end()) {
    std::string hint = did_you_mean(s.type, kTypes);
    diags.error(at.type, "unknown chart type '" + s.type + "'", hint.empty() ? "chart types: " + list_of(kTypes) : hint);
  }
  if (s.type == "combo" && s.y2.empty())
    diags.error(pos, "a combo chart needs y2 (the line on the right axis)", "add y2: COLUMN, e.g. y2: growth");
  if (!s.y2.empty() && !s.type.empty() && s.type != "combo")
    diags.error(s.y2_pos, "y2 is only used by combo charts", "use type: combo, or list the column in y");
  if ((s.type == "pie" || s.type == "donut") && s.y.size() > 1)
    diags.error(s.y_pos[1], "a " + s.type + " chart shows one series, but y names " + std::to_string(s.y.size()) +
                                " columns",
                "keep one column in y, or use type: bar");
  if (!s.label.empty() && s.type != "scatter" && !s.type.empty())
    diags.error(s.label_pos, "'label' (a column naming each point) is only used by scatter charts",
                "remove it; for value labels write labels: true");
}

}  // namespace

bool parse_chart_spec(std::string_view yaml, const SourcePos& pos, ChartSpec* out, Diagnostics& diags) {
  *out = ChartSpec{};
  out->pos = pos;
  YAML::Node root;
  if (!parse_yaml(yaml, pos.file, pos.line > 0 ? pos.line - 1 : 0, &root, diags)) return false;
  if (!root.IsMap()) {
    diags.error(pos, "a chart block must be a YAML mapping", "write one 'field: value' per line, e.g. type: bar");
    return false;
  }
  size_t before = diags.error_count();
  FieldPositions at{pos, pos};
  for (const auto& kv : root) {
    std::string key = yaml_scalar(kv.first);
    const YAML::Node& v = kv.second;
    SourcePos vpos = yaml_block_pos(v.IsNull() ? kv.first : v, pos);
    if (!check_key(kChartFields, key, yaml_block_pos(kv.first, pos), diags)) continue;
    read_field(key, v, vpos, pos, out, &at, diags);
  }
  check_required(*out, pos, diags);
  check_fields(*out, pos, at, diags);
  if (out->data_pos.line == 0) out->data_pos = pos;
  if (out->x_pos.line == 0) out->x_pos = pos;
  if (out->y2_pos.line == 0) out->y2_pos = pos;
  if (out->label_pos.line == 0) out->label_pos = pos;
  return diags.error_count() == before;
}

}  // namespace annalist
