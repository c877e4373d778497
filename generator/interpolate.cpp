#include "interpolate.h"

#include <charconv>
#include <cmath>
#include <algorithm>

#include "numfmt.h"
#include "text.h"

namespace annalist {

namespace {

struct Segment {
  std::string name;              // key or column
  bool select = false;           // [key=value] or [n]
  std::string key, value;        // for [key=value]; key empty → index
};

bool parse_path(std::string_view p, std::vector<Segment>* segs, std::string* err) {
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '.') {
      ++i;
      continue;
    }
    if (p[i] == '[') {
      size_t e = p.find(']', i);
      if (e == std::string_view::npos) {
        *err = "unclosed '[' in data path";
        return false;
      }
      std::string_view inner = trim(p.substr(i + 1, e - i - 1));
      Segment s;
      s.select = true;
      size_t eq = inner.find('=');
      if (eq == std::string_view::npos) s.value = std::string(inner);
      else {
        s.key = std::string(trim(inner.substr(0, eq)));
        s.value = std::string(trim(inner.substr(eq + 1)));
        if (s.value.size() >= 2 && (s.value[0] == '"' || s.value[0] == '\'') && s.value.back() == s.value[0])
          s.value = s.value.substr(1, s.value.size() - 2);
      }
      segs->push_back(s);
      i = e + 1;
      continue;
    }
    size_t e = i;
    while (e < p.size() && p[e] != '.' && p[e] != '[') ++e;
    Segment s;
    s.name = std::string(p.substr(i, e - i));
    segs->push_back(std::move(s));
    i = e;
  }
  return true;
}

std::string json_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

bool to_number(std::string_view s, double* d) {
  std::string t;
  for (char c : s)
    if (c != ',') t += c;
  auto r = std::from_chars(t.data(), t.data() + t.size(), *d);
  return r.ec == std::errc() && r.ptr == t.data() + t.size() && !t.empty();
}

std::vector<std::string> column_names(const DataSet& ds) {
  std::vector<std::string> names;
  for (const auto& c : ds.columns) names.push_back(c.name);
  return names;
}

// The row of a CSV data set that a [n] or [key=value] selector picks.
bool select_row(const DataSet& ds, const Segment& s, long* row, std::string* err, std::string* hint) {
  if (s.key.empty()) {
    long n = -1;
    std::from_chars(s.value.data(), s.value.data() + s.value.size(), n);
    if (n < 0 || n >= static_cast<long>(ds.cells.size())) {
      *err = "row index [" + s.value + "] out of range in " + ds.path;
      *hint = ds.path + " has " + std::to_string(ds.cells.size()) + " rows (0-based)";
      return false;
    }
    *row = n;
    return true;
  }
  const int col = column_index(ds, s.key);
  if (col < 0) {
    *err = "no column '" + s.key + "' in " + ds.path;
    *hint = did_you_mean(s.key, column_names(ds));
    return false;
  }
  std::vector<std::string> values;
  for (size_t r = 0; r < ds.cells.size(); ++r) {
    const auto& cell = ds.cells[r][static_cast<size_t>(col)];
    if (cell == s.value) {
      *row = static_cast<long>(r);
      return true;
    }
    values.push_back(cell);
  }
  *err = "no row of " + ds.path + " has " + s.key + " = '" + s.value + "'";
  *hint = did_you_mean(s.value, values);
  return false;
}

// CSV: an optional [selector] (needless when there is one row), then a column name.
bool navigate_csv(const DataSet& ds, const std::vector<Segment>& segs, size_t i, std::string* out,
                  std::string* err, std::string* hint) {
  long row = ds.cells.size() == 1 ? 0 : -1;
  if (i < segs.size() && segs[i].select) {
    if (!select_row(ds, segs[i], &row, err, hint)) return false;
    ++i;
  }
  if (i >= segs.size() || segs[i].select) {
    *err = "data path into " + ds.path + " must end with a column name";
    *hint = "e.g. data." + ds.path + "[0]." + (ds.columns.empty() ? "column" : ds.columns.back().name);
    return false;
  }
  const int col = column_index(ds, segs[i].name);
  if (col < 0) {
    *err = "no column '" + segs[i].name + "' in " + ds.path;
    *hint = did_you_mean(segs[i].name, column_names(ds));
    return false;
  }
  if (row < 0) {
    *err = ds.path + " has several rows: select one";
    *hint = "e.g. [" + (ds.columns.empty() ? std::string("column") : ds.columns[0].name) + "=…] or [0]";
    return false;
  }
  if (i + 1 != segs.size()) {
    *err = "nothing below column '" + segs[i].name + "'";
    return false;
  }
  *out = ds.cells[static_cast<size_t>(row)][static_cast<size_t>(col)];
  return true;
}

// JSON and YAML: keys, [n] list indexes and [key=value] list selectors down to a scalar.
bool navigate_tree(const DataSet& ds, const std::vector<Segment>& segs, size_t from, std::string* out,
                   std::string* err, std::string* hint) {
  const nlohmann::json* v = &ds.value;
  for (size_t i = from; i < segs.size(); ++i) {
    const Segment& s = segs[i];
    if (s.select && s.key.empty()) {
      long n = -1;
      std::from_chars(s.value.data(), s.value.data() + s.value.size(), n);
      if (!v->is_array() || n < 0 || n >= static_cast<long>(v->size())) {
        *err = "index [" + s.value + "] not found in " + ds.path;
        return false;
      }
      v = &(*v)[static_cast<size_t>(n)];
    } else if (s.select) {
      const nlohmann::json* hit = nullptr;
      if (v->is_array())
        for (const auto& e : *v)
          if (e.is_object() && e.contains(s.key) && json_text(e[s.key]) == s.value) {
            hit = &e;
            break;
          }
      if (!hit) {
        *err = "no entry of " + ds.path + " has " + s.key + " = '" + s.value + "'";
        return false;
      }
      v = hit;
    } else {
      if (!v->is_object() || !v->contains(s.name)) {
        std::vector<std::string> keys;
        if (v->is_object())
          for (const auto& [k, _] : v->items()) keys.push_back(k);
        *err = "no key '" + s.name + "' in " + ds.path;
        *hint = did_you_mean(s.name, keys);
        return false;
      }
      v = &(*v)[s.name];
    }
  }
  if (v->is_object() || v->is_array()) {
    *err = "data path names a " + std::string(v->is_object() ? "mapping" : "list") + ", not a value";
    *hint = "add the key of the value you want";
    return false;
  }
  *out = json_text(*v);
  return true;
}

// Finds the value of a path inside a data set. Returns false with err/hint set.
bool navigate(const DataSet& ds, const std::vector<Segment>& segs, size_t from, std::string* out, std::string* err,
              std::string* hint) {
  if (ds.format == "csv") return navigate_csv(ds, segs, from, out, err, hint);
  return navigate_tree(ds, segs, from, out, err, hint);
}

struct NumberFormat {
  int decimals = -1;  // -1: as written
  bool thousands = false, pct = false, sign = false, cn = false, scale = false;
};

bool apply_filter(std::string_view f, NumberFormat* nf, std::string* err, std::string* hint) {
  f = trim(f);
  std::string_view name = f.substr(0, f.find(' '));
  std::string_view arg = name.size() < f.size() ? trim(f.substr(name.size())) : std::string_view();
  if (name == "fmt") {
    if (arg.size() >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg.back() == arg[0])
      arg = arg.substr(1, arg.size() - 2);
    std::string_view a = arg;
    if (!a.empty() && a[0] == ',') {
      nf->thousands = true;
      a.remove_prefix(1);
    }
    int d = -1;
    if (a.size() == 3 && a[0] == '.' && a[1] >= '0' && a[1] <= '9' && a[2] == 'f') d = a[1] - '0';
    if (d < 0) {
      *err = "bad format '" + std::string(arg) + "' for fmt";
      *hint = "use fmt \".2f\" (2 decimals) or fmt \",.0f\" (thousands separators)";
      return false;
    }
    nf->decimals = d;
  } else if (name == "pct") nf->pct = true;
  else if (name == "signed") nf->sign = true;
  else if (name == "cn_unit") nf->cn = true;
  else if (name == "scale") nf->scale = true;
  else {
    *err = "unknown filter '" + std::string(name) + "'";
    *hint = did_you_mean(std::string(name), {"fmt", "pct", "signed", "scale", "cn_unit"});
    if (hint->empty()) *hint = "filters: fmt \".2f\", pct, signed, scale, cn_unit";
    return false;
  }
  return true;
}

// `cn_unit` divides by 万 or 亿 and shows 2 decimals; `scale` divides by the largest unit of the
// report's language the value reaches (2 decimals then) and groups thousands in English.
std::string format_value(const std::string& raw, const NumberFormat& nf, const std::string& language,
                         bool* numeric) {
  double v = 0;
  *numeric = to_number(raw, &v);
  bool plain = nf.decimals < 0 && !nf.thousands && !nf.cn && !nf.scale;
  std::string s;
  if (!*numeric || plain) {
    s = raw;
  } else {
    std::string suffix;
    bool thousands = nf.thousands;
    int d = nf.decimals >= 0 ? nf.decimals : nf.cn ? 2 : decimals_of(raw);
    if (nf.cn) {
      double a = std::fabs(v);
      if (a >= 1e8) v /= 1e8, suffix = "亿";
      else if (a >= 1e4) v /= 1e4, suffix = "万";
    } else if (nf.scale) {
      double scaled = scale_to_unit(v, nf.decimals >= 0 ? nf.decimals : 2, language, &suffix);
      if (!suffix.empty()) v = scaled, d = nf.decimals >= 0 ? nf.decimals : 2;
      thousands = thousands || language.compare(0, 2, "zh") != 0;
    }
    s = format_fixed(v, d, thousands) + suffix;
  }
  if (nf.sign && *numeric && v > 0 && !s.empty() && s[0] != '+') s = "+" + s;
  if (*numeric) s = with_minus_sign(s);
  if (nf.pct) s += "%";
  return s;
}

// The data path and its filters: "data.a.b | percent | decimals 1" (a '|' inside quotes is text).
std::vector<std::string_view> split_filters(std::string_view expr) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  bool quoted = false;
  for (size_t i = 0; i <= expr.size(); ++i) {
    if (i < expr.size() && expr[i] == '"') quoted = !quoted;
    if (i == expr.size() || (expr[i] == '|' && !quoted)) {
      parts.push_back(trim(expr.substr(start, i - start)));
      start = i + 1;
    }
  }
  return parts;
}

std::string dotted(std::string path) {
  for (char& c : path)
    if (c == '/') c = '.';
  return path;
}

// The longest run of plain names that names a data set; tried lists every prefix looked up.
const DataSet* find_data_set(const DataStore& store, const std::vector<Segment>& segs, size_t* used,
                             std::vector<std::string>* tried) {
  const DataSet* ds = nullptr;
  std::string joined;
  size_t longest = 0;  // no prefix longer than every data set's path can name one
  for (const auto& [p, _] : store.sets) longest = std::max(longest, p.size());
  for (size_t k = 0; k < segs.size() && !segs[k].select && joined.size() <= longest; ++k) {
    joined += (k ? "/" : "") + segs[k].name;
    tried->push_back(joined);
    auto it = store.sets.find(joined);
    if (it != store.sets.end()) {
      ds = it->second.get();
      *used = k + 1;
    }
  }
  return ds;
}

// A did-you-mean for the whole path or its parent, else the data sets of the deepest folder reached.
std::string unknown_path_hint(const DataStore& store, const std::vector<std::string>& tried) {
  std::vector<std::string> known;
  for (const auto& [p, _] : store.sets) known.push_back(dotted(p));
  std::string h = did_you_mean(tried.empty() ? "" : dotted(tried.back()), known);
  if (h.empty() && tried.size() > 1) h = did_you_mean(dotted(tried[tried.size() - 2]), known);
  for (size_t k = tried.size(); k-- > 0 && h.empty();) {
    std::string folder = tried[k] + "/";
    std::string list;
    int n = 0;
    for (const auto& [p, _] : store.sets)
      if (p.compare(0, folder.size(), folder) == 0 && n++ < 6) list += (list.empty() ? "" : ", ") + dotted(p);
    if (!list.empty()) h = "data sets there: " + list;
  }
  return h.empty() ? "data paths are data-file paths inside the data directory, '/' written as '.'" : h;
}

}  // namespace

bool evaluate_interpolation(std::string_view expr, const DataStore& store, const std::string& language,
                            const SourcePos& pos, Interpolated* out, Diagnostics& diags) {
  if (expr.size() > kMaxInterpolationBytes) {
    diags.error(pos, "interpolation is " + std::to_string(expr.size()) + " bytes long, more than " +
                         std::to_string(kMaxInterpolationBytes),
                "a data path names a data set, a row and a column: {{ data.<file>[<key>=<value>].<column> }}");
    return false;
  }
  const std::vector<std::string_view> parts = split_filters(expr);
  std::string_view path = parts[0];
  if (path.substr(0, 5) != "data.") {
    diags.error(pos, "interpolation must start with 'data.': {{ " + std::string(path) + " }}",
                "write {{ data.<file>.<key> }}, e.g. {{ data.summary.total }}; for a literal '{{' in the text, "
                "write \\{{");
    return false;
  }
  std::vector<Segment> segs;
  std::string err, hint;
  if (!parse_path(path.substr(5), &segs, &err) || segs.empty() || segs[0].select) {
    diags.error(pos, err.empty() ? "empty data path" : err, "write {{ data.<file>.<key> }}");
    return false;
  }
  size_t used = 0;
  std::vector<std::string> tried;
  const DataSet* ds = find_data_set(store, segs, &used, &tried);
  if (!ds) {
    diags.error(pos, "unknown data path 'data." + std::string(path.substr(5)) + "'", unknown_path_hint(store, tried));
    return false;
  }
  std::string raw;
  if (!navigate(*ds, segs, used, &raw, &err, &hint)) {
    diags.error(pos, err, hint);
    return false;
  }
  NumberFormat nf;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!apply_filter(parts[i], &nf, &err, &hint)) {
      diags.error(pos, err, hint);
      return false;
    }
  }
  bool numeric = false;
  out->text = format_value(raw, nf, language, &numeric);
  if (!numeric && parts.size() > 1) {
    diags.error(pos, "filter needs a number, but the value is '" + raw + "'", "drop the filter or fix the data");
    return false;
  }
  if (raw.empty()) {
    diags.error(pos, "the value at data." + std::string(path.substr(5)) + " is missing (empty cell)",
                "fill the cell in " + ds->file);
    return false;
  }
  out->data_path = ds->path;
  return true;
}

std::string interpolation_text(std::string_view expr, const DataStore& store, const std::string& language) {
  Diagnostics quiet;
  Interpolated v;
  return evaluate_interpolation(expr, store, language, {}, &v, quiet) ? v.text : "";
}

std::string interpolate_plain(std::string_view text, const DataStore& store, const std::string& language,
                              const SourcePos& pos, std::set<std::string>* deps, Diagnostics& diags) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t b = text.find("{{", i);
    if (b == std::string_view::npos) break;
    if (b > 0 && text[b - 1] == '\\') {  // \{{ is a literal {{
      out.append(text.substr(i, b - 1 - i)).append("{{");
      i = b + 2;
      continue;
    }
    size_t e = text.find("}}", b + 2);
    out.append(text.substr(i, b - i));
    SourcePos p = pos;
    if (p.col > 0) p.col += static_cast<int>(b);
    if (e == std::string_view::npos) {
      diags.error(p, "unclosed '{{'", "close the interpolation with }}");
      return out;
    }
    Interpolated v;
    if (evaluate_interpolation(trim(text.substr(b + 2, e - b - 2)), store, language, p, &v, diags)) {
      out += v.text;
      if (deps) deps->insert(v.data_path);
    }
    i = e + 2;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace annalist
