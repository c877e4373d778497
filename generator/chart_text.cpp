#include "chart_text.h"

#include <algorithm>
#include <cmath>

#include "numfmt.h"
#include "text.h"

namespace annalist {

namespace {

constexpr double kLineH = 1.25;  // line height, in font sizes

bool is_closing_punct(char32_t c) {
  switch (c) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
    case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x201D: case 0x2019: case 0x3011:
    case 0xFF05: case 0x3009:
      return true;
    default: return false;
  }
}

bool is_opening_punct(char32_t c) {
  switch (c) {
    case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x201C: case 0x2018: case 0x3010: case 0x3008:
      return true;
    default: return false;
  }
}

struct Token {
  std::string s;
  bool space_before = false;
  bool latin = false;
  bool opening = false;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> raw;
  bool space = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8_next(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    std::string ch;
    utf8_append(c, ch);
    bool special = is_wide(c) || is_closing_punct(c) || is_opening_punct(c) || c >= 0x2000;
    if (special) {
      Token t{ch, space, false, is_opening_punct(c)};
      if (is_closing_punct(c) && !raw.empty() && !space) raw.back().s += ch, raw.back().latin = false;
      else raw.push_back(t);
    } else if (!raw.empty() && !space && raw.back().latin) {
      raw.back().s += ch;
    } else {
      raw.push_back({ch, space, true, false});
    }
    space = false;
  }
  // An opening bracket sticks to what follows it.
  std::vector<Token> out;
  for (auto& t : raw) {
    if (!out.empty() && out.back().opening && !t.space_before) {
      out.back().s += t.s;
      out.back().opening = false;
      out.back().latin = false;
    } else {
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

std::string truncate_to(std::string_view s, double max_width, double font) {
  if (text_width(s, font) <= max_width) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t before = i;
    utf8_next(s, i);
    std::string next = out + std::string(s.substr(before, i - before));
    if (text_width(next + "…", font) > max_width) break;
    out = std::move(next);
  }
  return out + "…";
}

double text_width(std::string_view text, double font) { return text_width_em(text) * font; }

std::vector<std::string> wrap_text(std::string_view text, double max_width, double font) {
  std::vector<std::string> lines;
  std::string cur;
  auto start_with = [&](const std::string& tok) {
    if (text_width(tok, font) <= max_width) {
      cur = tok;
      return;
    }
    // A word longer than a line: break it between characters.
    std::string_view t = tok;
    size_t i = 0;
    cur.clear();
    while (i < t.size()) {
      size_t b = i;
      utf8_next(t, i);
      std::string ch(t.substr(b, i - b));
      if (!cur.empty() && text_width(cur + ch, font) > max_width) {
        lines.push_back(cur);
        cur.clear();
      }
      cur += ch;
    }
  };
  for (const auto& tok : tokenize(text)) {
    if (cur.empty()) {
      start_with(tok.s);
      continue;
    }
    std::string joined = cur + (tok.space_before ? " " : "") + tok.s;
    if (text_width(joined, font) <= max_width) {
      cur = std::move(joined);
    } else {
      lines.push_back(cur);
      start_with(tok.s);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

CategoryLabels layout_category_labels(const std::vector<std::string>& labels, double slot, double font) {
  CategoryLabels cl;
  const size_t n = labels.size();
  const double pad = 4;
  const double lh = font * kLineH;
  double maxw = 0;
  bool numeric = n > 0;
  for (const auto& l : labels) {
    maxw = std::max(maxw, text_width(l, font));
    double v;
    if (!parse_number(l, &v)) numeric = false;
  }
  auto one_line = [&](int step) {
    cl.mode = CategoryLabels::kHorizontal;
    cl.step = step;
    cl.lines.assign(n, {});
    for (size_t i = 0; i < n; ++i)
      if (i % static_cast<size_t>(step) == 0) cl.lines[i] = {labels[i]};
    cl.height = lh + 2;
    return cl;
  };
  if (maxw <= slot - pad) return one_line(1);
  if (numeric) {
    for (int step = 2; step <= 12; ++step)
      if (maxw <= slot * step - pad * 2) return one_line(step);
  }
  if (slot - pad >= 2 * font) {
    std::vector<std::vector<std::string>> wrapped;
    bool ok = true;
    size_t most = 1;
    for (const auto& l : labels) {
      auto lines = wrap_text(l, slot - pad, font);
      for (const auto& x : lines)
        if (text_width(x, font) > slot - pad) ok = false;
      if (lines.size() > 3) ok = false;
      most = std::max(most, lines.size());
      wrapped.push_back(std::move(lines));
      if (!ok) break;
    }
    if (ok) {
      cl.mode = CategoryLabels::kWrapped;
      cl.lines = std::move(wrapped);
      cl.height = static_cast<double>(most) * lh + 2;
      return cl;
    }
  }
  // Rotated 45°: neighbours are slot·sin45 apart across the text direction.
  const double s45 = std::sqrt(0.5);
  int step = std::max(1, static_cast<int>(std::ceil(lh / (slot * s45) - 1e-9)));
  const double max_len = 9 * font;
  cl.mode = CategoryLabels::kRotated;
  cl.step = step;
  cl.lines.assign(n, {});
  double longest = 0;
  for (size_t i = 0; i < n; i += static_cast<size_t>(step)) {
    cl.lines[i] = {truncate_to(labels[i], max_len, font)};
    longest = std::max(longest, text_width(cl.lines[i][0], font));
  }
  cl.height = longest * s45 + font * 1.2 + 6;
  return cl;
}

}  // namespace annalist
