#include "table_block.h"

#include <algorithm>

#include "data.h"
#include "numfmt.h"
#include "text.h"
#include "yaml_util.h"

namespace annalist {

namespace {

const KeySchema kTableFields = {"table field", "", "table fields", {"id", "data", "caption", "columns", "source", "note", "as"}};
const KeySchema kColumnFields = {"column field", "", "column fields", {"key", "label", "format"}};
const KeySchema kFigureFields = {"figure field", "", "figure fields", {"id", "title", "source", "note"}};

// Parses the YAML mapping of a block; calls field(key, value, key_node) for each known key.
// False only when the text is not a YAML mapping (field errors are left in diags).
template <typename F>
bool parse_block(std::string_view yaml, const SourcePos& pos, const char* what, const KeySchema& fields,
                 Diagnostics& diags, F field) {
  YAML::Node root;
  if (!parse_yaml(yaml, pos.file, pos.line > 0 ? pos.line - 1 : 0, &root, diags)) return false;
  if (!root.IsMap()) {
    diags.error(pos, std::string("a ") + what + " block must be a YAML mapping", "write one 'field: value' per line");
    return false;
  }
  for (const auto& kv : root) {
    std::string key = yaml_scalar(kv.first);
    if (!check_key(fields, key, yaml_block_pos(kv.first, pos), diags)) continue;
    field(key, kv.second, kv.first);
  }
  return true;
}

bool scalar_field(const std::string& key, const YAML::Node& v, const SourcePos& block, std::string* out,
                  Diagnostics& diags) {
  if (v.IsNull()) {
    out->clear();
    return true;
  }
  if (!v.IsScalar()) {
    diags.error(yaml_block_pos(v, block), "field '" + key + "' must be text", "write it on one line: " + key + ": …");
    return false;
  }
  *out = v.Scalar();
  return true;
}

// A format string "[,][.Nf][%]" → its parts; false when malformed.
bool parse_format(std::string_view f, bool* thousands, int* decimals, bool* pct) {
  *thousands = false, *decimals = -1, *pct = false;
  if (!f.empty() && f[0] == ',') {
    *thousands = true;
    f.remove_prefix(1);
  }
  if (!f.empty() && f.back() == '%') {
    *pct = true;
    f.remove_suffix(1);
  }
  if (f.empty()) return *thousands || *pct;
  if (f.size() >= 3 && f[0] == '.' && f.back() == 'f') {
    std::string_view d = f.substr(1, f.size() - 2);
    if (d.empty() || d.size() > 2 || !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    *decimals = std::stoi(std::string(d));
    return *decimals <= 10;
  }
  return false;
}

void check_id(const std::string& id, const YAML::Node& node, const SourcePos& block, const char* what,
              Diagnostics& diags) {
  if (!id.empty() && !valid_figure_id(id))
    diags.error(yaml_block_pos(node, block), std::string(what) + " id '" + id + "' may only use letters, digits, '-' and '_'",
                "e.g. id: retail-growth");
}

}  // namespace

bool parse_table_spec(std::string_view yaml, const SourcePos& pos, TableSpec* out, Diagnostics& diags) {
  *out = TableSpec{};
  out->pos = pos;
  size_t before = diags.error_count();
  YAML::Node id_node;
  bool ok = parse_block(yaml, pos, "table", kTableFields, diags,
                        [&](const std::string& key, const YAML::Node& v, const YAML::Node& k) {
    if (key == "columns") {
      if (!v.IsSequence()) {
        diags.error(yaml_block_pos(v.IsNull() ? k : v, pos), "'columns' must be a list",
                    "e.g. columns:\n  - {key: share, label: 占比（%）, format: \".1f\"}");
        return;
      }
      for (const auto& item : v) {
        TableColumn col;
        col.pos = yaml_block_pos(item, pos);
        if (item.IsScalar()) {
          col.key = item.Scalar();
        } else if (item.IsMap()) {
          for (const auto& f : item) {
            std::string name = yaml_scalar(f.first);
            if (!check_key(kColumnFields, name, yaml_block_pos(f.first, pos), diags)) continue;
            std::string* dst = name == "key" ? &col.key : name == "label" ? &col.label : &col.format;
            scalar_field(name, f.second, pos, dst, diags);
          }
        } else {
          diags.error(col.pos, "a table column is a name or {key: …, label: …, format: …}");
          continue;
        }
        if (col.key.empty()) {
          diags.error(col.pos, "table column has no 'key'", "name the data column: {key: share, label: 占比}");
          continue;
        }
        bool th, pct;
        int d;
        if (!col.format.empty() && !parse_format(col.format, &th, &d, &pct))
          diags.error(col.pos, "bad format '" + col.format + "' for column '" + col.key + "'",
                      "use \".2f\" (2 decimals), \",.0f\" (thousands separators) or \".1f%\" (add %)");
        out->columns.push_back(col);
      }
      return;
    }
    std::string s;
    if (!scalar_field(key, v, pos, &s, diags)) return;
    if (key == "id") out->id = s, id_node = v;
    else if (key == "data") out->data = s, out->data_pos = yaml_block_pos(v, pos);
    else if (key == "caption") out->caption = s, out->text_pos.title = yaml_block_pos(v, pos);
    else if (key == "source") out->source = s, out->text_pos.source = yaml_block_pos(v, pos);
    else if (key == "note") out->note = s, out->text_pos.note = yaml_block_pos(v, pos);
    else if (key == "as" && (s == "figure" || s == "table")) out->as_figure = s == "figure";
    else if (key == "as")
      diags.error(yaml_block_pos(v, pos), "unknown 'as: " + s + "'",
                  "as: figure numbers the table as a figure (图); as: table (the default) as a table (表)");
  });
  if (!ok) return false;
  for (const char* req : {"id", "data"}) {
    bool missing = std::string(req) == "id" ? out->id.empty() : out->data.empty();
    if (missing)
      diags.error(pos, std::string("table is missing '") + req + "'",
                  std::string(req) == "id" ? "add id: NAME (the anchor tbl-NAME)" : "add data: PATH (the data file without extension)");
  }
  check_id(out->id, id_node, pos, "table", diags);
  if (out->data_pos.line == 0) out->data_pos = pos;
  return diags.error_count() == before;
}

std::string render_table_figure(const TableSpec& spec, const DataSet& data, const std::string& label,
                                const std::string& csv_href, const FigureText& text, Diagnostics& diags,
                                ScreenOnly* screen) {
  DataSet scratch;
  std::string why;
  const DataSet* t = as_table(data, &scratch, &why);
  if (!t) {
    diags.error(spec.data_pos, "cannot show '" + spec.data + "' as a table: " + why,
                "tables need a CSV file or a JSON/YAML list of rows");
    return "";
  }
  std::vector<TableColumn> cols = spec.columns;
  if (cols.empty())
    for (const auto& c : t->columns) cols.push_back({c.name, "", "", spec.pos});
  std::vector<std::string> names;
  for (const auto& c : t->columns) names.push_back(c.name);
  HtmlTable h;
  std::vector<int> idx;
  bool bad = false;
  for (const auto& c : cols) {
    int i = column_index(*t, c.key);
    if (i < 0) {
      std::string hint = did_you_mean(c.key, names);
      diags.error(c.pos, "no column '" + c.key + "' in data set '" + data.path + "'",
                  hint.empty() ? "columns: " + list_of(names) : hint);
      bad = true;
      continue;
    }
    idx.push_back(i);
    h.headers.push_back(c.label.empty() ? c.key : c.label);
    ColumnType type = t->columns[static_cast<size_t>(i)].type;
    h.numeric.push_back(type != ColumnType::kText);
  }
  if (bad) return "";
  for (const auto& row : t->cells) {
    std::vector<std::string> out;
    for (size_t k = 0; k < idx.size(); ++k) {
      const std::string& raw = row[static_cast<size_t>(idx[k])];
      bool th = false, pct = false;
      int d = -1;
      double v = 0;
      std::string_view cell = trim(raw);
      if (!cols[k].format.empty() && parse_format(cols[k].format, &th, &d, &pct) &&
          (parse_number(cell, &v) || parse_percent(cell, &v))) {
        bool written_pct = !cell.empty() && cell.back() == '%';
        out.push_back(format_fixed(v, d >= 0 ? d : decimals_of(cell), th) + (pct || written_pct ? "%" : ""));
      } else {
        out.push_back(raw);
      }
    }
    h.rows.push_back(std::move(out));
  }
  h.row_headers = !h.numeric.empty() && !h.numeric[0];
  h.region = label.empty() ? spec.caption : label + " " + spec.caption;

  const std::string anchor = (spec.as_figure ? "fig-" : "tbl-") + spec.id;
  std::string s = "<figure id=\"" + html_escape(anchor) + "\" class=\"figure data-table\">\n";
  s += figure_caption(label, spec.caption, "", anchor, text.anchor_link);
  mark_caption_link(s, screen);
  s += render_html_table(h);
  std::string source = spec.source.empty() ? data.source : spec.source;
  if (!source.empty()) s += "<p class=\"figure-source\">" + html_escape(text.source_prefix + source) + "</p>\n";
  if (!spec.note.empty()) s += "<p class=\"figure-note\">" + html_escape(text.note_prefix + spec.note) + "</p>\n";
  if (!csv_href.empty()) {
    size_t at = s.size();
    s += "<p class=\"figure-download\"><a href=\"" + html_escape(csv_href) + "\" download>" +
         html_escape(text.download) + "</a></p>\n";
    mark_screen_only(s, at, screen);
  }
  s += "</figure>\n";
  return s;
}

bool parse_figure_spec(std::string_view yaml, const SourcePos& pos, FigureSpec* out, Diagnostics& diags) {
  *out = FigureSpec{};
  out->pos = pos;
  size_t before = diags.error_count();
  YAML::Node id_node;
  bool ok = parse_block(yaml, pos, "figure", kFigureFields, diags,
                        [&](const std::string& key, const YAML::Node& v, const YAML::Node&) {
    std::string s;
    if (!scalar_field(key, v, pos, &s, diags)) return;
    if (key == "id") out->id = s, id_node = v;
    else if (key == "title") out->title = s, out->text_pos.title = yaml_block_pos(v, pos);
    else if (key == "source") out->source = s, out->text_pos.source = yaml_block_pos(v, pos);
    else out->note = s, out->text_pos.note = yaml_block_pos(v, pos);
  });
  if (!ok) return false;
  if (out->id.empty()) diags.error(pos, "figure is missing 'id'", "add id: NAME (the anchor fig-NAME)");
  if (out->title.empty()) diags.error(pos, "figure is missing 'title'", "add title: the figure's caption");
  check_id(out->id, id_node, pos, "figure", diags);
  return diags.error_count() == before;
}

std::string render_placeholder_figure(const FigureSpec& spec, const std::string& label, const FigureText& text,
                                      ScreenOnly* screen) {
  std::string s = "<figure id=\"fig-" + html_escape(spec.id) + "\" class=\"figure placeholder\">\n";
  s += figure_caption(label, spec.title, text.no_chart, "fig-" + spec.id, text.anchor_link);
  mark_caption_link(s, screen);
  if (!spec.note.empty()) s += "<p class=\"figure-note\">" + html_escape(text.note_prefix + spec.note) + "</p>\n";
  if (!spec.source.empty()) s += "<p class=\"figure-source\">" + html_escape(text.source_prefix + spec.source) + "</p>\n";
  s += "</figure>\n";
  return s;
}

}  // namespace annalist
