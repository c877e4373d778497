#include "chart_export.h"

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "chart_draw.h"
#include "chart_text.h"
#include "svg.h"
#include "text.h"

namespace annalist {

namespace {

using Props = std::map<std::string, std::string, std::less<>>;

struct Rule {
  std::vector<std::string> selectors;
  std::string body;  ///< declarations, as written
};

std::string strip_comments(std::string_view css) {
  std::string out;
  for (size_t i = 0; i < css.size();) {
    if (css.compare(i, 2, "/*") == 0) {
      size_t end = css.find("*/", i + 2);
      i = end == std::string_view::npos ? css.size() : end + 2;
    } else {
      out += css[i++];
    }
  }
  return out;
}

// Top-level rules; at-rules (@media, @supports …) and their blocks are skipped whole.
std::vector<Rule> top_level_rules(const std::string& css) {
  std::vector<Rule> rules;
  for (size_t i = 0; i < css.size();) {
    size_t open = css.find('{', i);
    if (open == std::string::npos) break;
    std::string head(trim(std::string_view(css).substr(i, open - i)));
    int depth = 1;
    size_t k = open + 1;
    for (; k < css.size() && depth > 0; ++k) depth += css[k] == '{' ? 1 : css[k] == '}' ? -1 : 0;
    if (!head.empty() && head[0] != '@') {
      Rule r;
      for (size_t from = 0; from <= head.size();) {
        size_t comma = head.find(',', from);
        if (comma == std::string::npos) comma = head.size();
        r.selectors.emplace_back(trim(std::string_view(head).substr(from, comma - from)));
        from = comma + 1;
      }
      r.body = css.substr(open + 1, k - open - 2);
      rules.push_back(std::move(r));
    }
    i = k;
  }
  return rules;
}

// "--a: x; fill: y" → {--a: x} (custom properties only).
Props custom_properties(const std::string& body) {
  Props props;
  for (size_t from = 0; from < body.size();) {
    size_t semi = body.find(';', from);
    if (semi == std::string::npos) semi = body.size();
    std::string_view decl = trim(std::string_view(body).substr(from, semi - from));
    size_t colon = decl.find(':');
    if (decl.rfind("--", 0) == 0 && colon != std::string_view::npos)
      props[std::string(trim(decl.substr(0, colon)))] = std::string(trim(decl.substr(colon + 1)));
    from = semi + 1;
  }
  return props;
}

// Every var(--x[, fallback]) in value replaced: from `local` first, then `root`, else the fallback.
std::string resolve(std::string_view value, const Props& local, const Props& root, int depth = 0) {
  std::string out;
  for (size_t i = 0; i < value.size();) {
    if (value.compare(i, 4, "var(") != 0 || depth > 8) {
      out += value[i++];
      continue;
    }
    size_t k = i + 4;
    int open = 1;
    size_t comma = std::string_view::npos;
    for (; k < value.size() && open > 0; ++k) {
      if (value[k] == '(') ++open;
      else if (value[k] == ')') --open;
      else if (value[k] == ',' && open == 1 && comma == std::string_view::npos) comma = k;
    }
    size_t end = k - 1;  // the closing parenthesis
    std::string_view name = trim(value.substr(i + 4, (comma == std::string_view::npos ? end : comma) - i - 4));
    auto found = local.find(name);
    if (found == local.end()) found = root.find(name);
    if (found != local.end() && found != root.end()) out += resolve(found->second, local, root, depth + 1);
    else if (comma != std::string_view::npos) out += resolve(trim(value.substr(comma + 1, end - comma - 1)), local, root, depth + 1);
    i = k;
  }
  return out;
}

// One line, single quotes (so that the file needs no &quot;).
std::string tidy(const std::string& decl) {
  std::string out;
  for (char ch : decl) {
    bool space = ch == ' ' || ch == '\n' || ch == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : ch == '"' ? '\'' : ch;
  }
  return out;
}

// The declarations of body that are not custom properties, values resolved, on one line.
std::string declarations(const std::string& body, const Props& local, const Props& root) {
  std::string out;
  for (size_t from = 0; from < body.size();) {
    size_t semi = body.find(';', from);
    if (semi == std::string::npos) semi = body.size();
    std::string_view decl = trim(std::string_view(body).substr(from, semi - from));
    if (!decl.empty() && decl.rfind("--", 0) != 0) out += (out.empty() ? "" : " ") + tidy(resolve(decl, local, root)) + ";";
    from = semi + 1;
  }
  return out;
}

bool all_chart_selectors(const Rule& r) {
  for (const auto& s : r.selectors)
    if (s.rfind(".chart-svg", 0) != 0) return false;
  return !r.selectors.empty();
}

std::string join_selectors(const std::vector<std::string>& selectors, const std::string& suffix) {
  std::string s;
  for (const auto& sel : selectors) s += (s.empty() ? "" : ", ") + sel + suffix;
  return s;
}

}  // namespace

std::string standalone_chart_css(std::string_view theme_css) {
  std::vector<Rule> rules = top_level_rules(strip_comments(theme_css));
  Props root;
  for (const auto& r : rules)
    if (r.selectors.size() == 1 && r.selectors[0] == ":root") {
      root = custom_properties(r.body);
      break;
    }
  // The series classes (".chart-svg .series-1" …) and the custom properties each sets.
  std::vector<std::pair<std::string, Props>> series;
  for (const auto& r : rules)
    if (all_chart_selectors(r) && r.selectors.size() == 1 && r.selectors[0].rfind(".chart-svg .series-", 0) == 0)
      series.emplace_back(r.selectors[0].substr(11), custom_properties(r.body));
  std::string css;
  for (const auto& r : rules) {
    if (!all_chart_selectors(r)) continue;
    std::string plain = declarations(r.body, {}, root);
    if (plain.empty()) continue;  // only sets custom properties
    if (r.body.find("var(--series") == std::string::npos) {
      css += join_selectors(r.selectors, "") + " { " + plain + " }\n";
      continue;
    }
    for (const auto& [cls, props] : series)
      css += join_selectors(r.selectors, cls) + " { " + declarations(r.body, props, root) + " }\n";
  }
  auto root_value = [&](const char* name, const char* fallback) {
    auto it = root.find(name);
    return it == root.end() ? std::string(fallback) : resolve(it->second, {}, root);
  };
  css += ".chart-export-bg { fill: " + root_value("--bg", "#ffffff") + "; }\n";
  css += ".chart-export-title { font-weight: 700; }\n";
  css += ".chart-export-note { fill: " + root_value("--chart-axis", "#6b7684") + "; }\n";
  // As the text of an XML <style>: only < and & need escaping (quotes and > stay readable).
  std::string xml;
  xml.reserve(css.size());
  for (char ch : css) {
    if (ch == '<') xml += "&lt;";
    else if (ch == '&') xml += "&amp;";
    else xml += ch;
  }
  return xml;
}

std::string chart_svg_path(const std::string& id) { return "figures/" + id + ".svg"; }

namespace {

// The class names used in svg: every token of every class="…" attribute.
std::set<std::string_view, std::less<>> classes_in(std::string_view svg) {
  std::set<std::string_view, std::less<>> out;
  for (size_t i = 0; (i = svg.find(" class=\"", i)) != std::string_view::npos;) {
    size_t b = i + 8, e = svg.find('"', b);
    if (e == std::string_view::npos) break;
    for (size_t t = b; t < e;) {
      size_t end = std::min(svg.find(' ', t), e);
      if (end > t) out.insert(svg.substr(t, end - t));
      t = end + 1;
    }
    i = e;
  }
  return out;
}

// The rules of css (one per line, as standalone_chart_css writes them) that can match in an SVG
// using these classes: one of the rule's selectors names only classes it uses.
std::string rules_for(std::string_view css, const std::set<std::string_view, std::less<>>& used) {
  std::string out;
  for (size_t at = 0; at < css.size();) {
    size_t eol = css.find('\n', at);
    std::string_view rule = css.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol + 1 - at);
    at = eol == std::string_view::npos ? css.size() : eol + 1;
    std::string_view selectors = rule.substr(0, rule.find('{'));
    bool keep = false;
    for (size_t s = 0; s <= selectors.size() && !keep;) {
      size_t comma = std::min(selectors.find(',', s), selectors.size());
      std::string_view sel = selectors.substr(s, comma - s);
      keep = true;
      for (size_t dot = sel.find('.'); dot != std::string_view::npos && keep; dot = sel.find('.', dot + 1)) {
        size_t end = sel.find_first_of(" .:#[>+~)", dot + 1);
        keep = used.count(sel.substr(dot + 1, (end == std::string_view::npos ? sel.size() : end) - dot - 1)) > 0;
      }
      s = comma + 1;
    }
    if (keep) out += rule;
  }
  return out;
}

}  // namespace

std::string standalone_chart_svg(const ChartExport& chart, const std::string& css) {
  constexpr double kTitleFont = 15, kNoteFont = 11, kPad = 12;
  const double text_width_max = chart.width - 2 * kPad;
  std::vector<std::string> title = wrap_text(chart.caption, text_width_max, kTitleFont);
  std::vector<std::string> source = wrap_text(chart.source, text_width_max, kNoteFont);
  double y = kPad;
  SvgWriter lines;
  for (const auto& line : title) {
    y += kTitleFont * 1.3;
    lines.element("text", {{"class", "chart-export-title"}, {"x", svg_num(kPad)}, {"y", svg_num(y)}, {"font-size", svg_num(kTitleFont)}}, line);
  }
  if (!chart.unit.empty()) {
    y += kNoteFont * 1.5;
    lines.element("text", {{"class", "chart-export-note"}, {"x", svg_num(kPad)}, {"y", svg_num(y)}, {"font-size", svg_num(kNoteFont)}}, chart.unit);
  }
  const double top = std::ceil(y + kPad / 2);
  y = top + chart.height;
  SvgWriter notes;
  for (const auto& line : source) {
    y += kNoteFont * 1.4;
    notes.element("text", {{"class", "chart-export-note"}, {"x", svg_num(kPad)}, {"y", svg_num(y)}, {"font-size", svg_num(kNoteFont)}}, line);
  }
  const double height = std::ceil(y + kPad);
  SvgWriter svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", "chart-svg"},
                   {"viewBox", "0 0 " + svg_num(chart.width) + " " + svg_num(height)},
                   {"width", svg_num(chart.width * 1.5)},
                   {"height", svg_num(height * 1.5)},
                   {"role", "img"},
                   {"font-size", svg_num(chart_detail::kFont)}});
  svg.element("title", {}, chart.caption);
  if (!chart.desc.empty()) svg.element("desc", {}, chart.desc);
  const std::string head = lines.finish(), foot = notes.finish();
  auto used = classes_in(chart.body);
  for (std::string_view part : {std::string_view(head), std::string_view(foot)})
    for (std::string_view c : classes_in(part)) used.insert(c);
  for (std::string_view c : {"chart-svg", "chart-export-bg"}) used.insert(c);
  svg.raw("<style>\n");
  svg.raw(rules_for(css, used));  // only the rules this chart can use: a bar chart needs no pie's
  svg.raw("</style>\n");
  svg.element("rect", {{"class", "chart-export-bg"}, {"width", "100%"}, {"height", "100%"}}, "");
  svg.raw(head);
  svg.open("g", {{"transform", "translate(0 " + svg_num(top) + ")"}});
  svg.raw(chart.body);
  svg.close();
  svg.raw(foot);
  svg.close();
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.finish();
}

}  // namespace annalist
