#pragma once
// A tiny SVG writer: one element per line, escaped attributes and text, short numbers.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// A coordinate as text: at most 2 decimals, no trailing zeros, never "-0" ("12.5", "3").
std::string svg_num(double v);

/// One attribute; the value is escaped when written.
struct SvgAttr {
  SvgAttr(std::string_view n, std::string_view v) : name(n), value(v) {}
  SvgAttr(std::string_view n, const char* v) : name(n), value(v) {}
  SvgAttr(std::string_view n, const std::string& v) : name(n), value(v) {}
  SvgAttr(std::string_view n, double v) : name(n), value(svg_num(v)) {}
  SvgAttr(std::string_view n, int v) : name(n), value(std::to_string(v)) {}
  std::string name;   ///< attribute name, written as is
  std::string value;  ///< attribute value, unescaped
};

/// Attributes of one element, in the order written.
using SvgAttrs = std::vector<SvgAttr>;

/// Writes well-formed SVG/XML text; elements open and close in nesting order.
class SvgWriter {
 public:
  /// Writes <tag attrs…> on its own line and keeps it open.
  void open(std::string_view tag, const SvgAttrs& attrs = {});
  /// Closes the innermost open element on its own line.
  void close();
  /// Writes <tag attrs…/> or, with text, <tag attrs…>text</tag> on one line.
  void element(std::string_view tag, const SvgAttrs& attrs, std::string_view text = {});
  /// Writes <text attrs…> with one <tspan x= y=> per line, line_height apart, on one line.
  void text_lines(const SvgAttrs& attrs, double x, double y, double line_height,
                  const std::vector<std::string>& lines);
  /// Appends markup that is already well-formed (e.g. another writer's output).
  void raw(std::string_view xml) { out_.append(xml); }
  /// Closes every open element and returns the document.
  std::string finish();
  /// Number of open elements.
  size_t depth() const { return stack_.size(); }

 private:
  void start_tag(std::string_view tag, const SvgAttrs& attrs);
  std::string out_;
  std::vector<std::string> stack_;
};

/// Builds path data ("M1 2L3 4Z") with svg_num coordinates.
class SvgPath {
 public:
  /// Moves to (x, y).
  SvgPath& move(double x, double y);
  /// Draws a line to (x, y).
  SvgPath& line(double x, double y);
  /// Draws a circular arc of radius r to (x, y).
  SvgPath& arc(double r, bool large, bool sweep, double x, double y);
  /// Closes the subpath.
  SvgPath& close();
  /// True when nothing was added.
  bool empty() const { return d_.empty(); }
  /// The path data.
  const std::string& str() const { return d_; }

 private:
  std::string d_;
};

}  // namespace annalist
