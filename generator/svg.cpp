#include "svg.h"

#include <cmath>
#include <cstdio>

#include "text.h"

namespace annalist {

std::string svg_num(double v) {
  if (!std::isfinite(v)) return "0";
  if (v > 1e12) v = 1e12;
  if (v < -1e12) v = -1e12;
  long long hundredths = std::llround(v * 100);
  if (hundredths == 0) return "0";
  std::string s = hundredths < 0 ? "-" : "";
  unsigned long long a = static_cast<unsigned long long>(hundredths < 0 ? -hundredths : hundredths);
  s += std::to_string(a / 100);
  unsigned long long frac = a % 100;
  if (frac != 0) {
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) s += static_cast<char>('0' + frac % 10);
  }
  return s;
}

void SvgWriter::start_tag(std::string_view tag, const SvgAttrs& attrs) {
  out_ += '<';
  out_.append(tag);
  for (const auto& a : attrs) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    html_escape(a.value, out_);
    out_ += '"';
  }
}

void SvgWriter::open(std::string_view tag, const SvgAttrs& attrs) {
  start_tag(tag, attrs);
  out_ += ">\n";
  stack_.emplace_back(tag);
}

void SvgWriter::close() {
  if (stack_.empty()) return;
  out_ += "</" + stack_.back() + ">\n";
  stack_.pop_back();
}

void SvgWriter::element(std::string_view tag, const SvgAttrs& attrs, std::string_view text) {
  start_tag(tag, attrs);
  if (text.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += '>';
  html_escape(text, out_);
  out_ += "</";
  out_.append(tag);
  out_ += ">\n";
}

void SvgWriter::text_lines(const SvgAttrs& attrs, double x, double y, double line_height,
                           const std::vector<std::string>& lines) {
  if (lines.size() == 1) {
    SvgAttrs a = {{"x", x}, {"y", y}};
    a.insert(a.end(), attrs.begin(), attrs.end());
    element("text", a, lines[0]);
    return;
  }
  start_tag("text", attrs);
  out_ += '>';
  for (size_t i = 0; i < lines.size(); ++i) {
    out_ += "<tspan x=\"" + svg_num(x) + "\" y=\"" + svg_num(y + static_cast<double>(i) * line_height) + "\">";
    html_escape(lines[i], out_);
    out_ += "</tspan>";
  }
  out_ += "</text>\n";
}

std::string SvgWriter::finish() {
  while (!stack_.empty()) close();
  return std::move(out_);
}

SvgPath& SvgPath::move(double x, double y) {
  d_ += "M" + svg_num(x) + " " + svg_num(y);
  return *this;
}

SvgPath& SvgPath::line(double x, double y) {
  d_ += "L" + svg_num(x) + " " + svg_num(y);
  return *this;
}

SvgPath& SvgPath::arc(double r, bool large, bool sweep, double x, double y) {
  d_ += "A" + svg_num(r) + " " + svg_num(r) + " 0 " + (large ? "1 " : "0 ") + (sweep ? "1 " : "0 ") + svg_num(x) +
        " " + svg_num(y);
  return *this;
}

SvgPath& SvgPath::close() {
  d_ += "Z";
  return *this;
}

}  // namespace annalist
