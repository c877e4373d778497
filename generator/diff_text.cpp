#include "diff_text.h"

#include <algorithm>

#include "diff_report.h"
#include "terminal_text.h"

namespace annalist {

namespace {

// Every text that comes from the sites (paths, page text) goes through escape_controls, so
// that no byte of it can move the cursor, retitle the window or recolour the terminal; the
// only control bytes printed are Style's own.

// Wraps text in an ANSI SGR code when colour is on.
struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
};

const char* status_colour(PageStatus s) {
  switch (s) {
    case PageStatus::kAdded: return "32";
    case PageStatus::kRemoved: return "31";
    case PageStatus::kChanged: return "33";
    case PageStatus::kMarkupOnly: return "2";
  }
  return "";
}

// The differing pages by status, then the other files that differ.
std::string page_list(const SiteDiff& d, const Style& st) {
  std::string out;
  if (!d.pages.empty()) out += "\n";
  for (PageStatus s : kStatusOrder) {
    for (const auto& p : d.pages) {
      if (p.status != s) continue;
      std::string name = status_name(s);
      name.resize(12, ' ');
      out += "  " + st(status_colour(s), name) + escape_controls(p.path) + "\n";
    }
  }
  auto list = [&](const char* what, const std::vector<std::string>& files) {
    if (files.empty()) return;
    out += std::string("  other files ") + what + ":";
    for (const auto& f : files) out += " " + escape_controls(f);
    out += "\n";
  };
  list("added", d.other_added);
  list("removed", d.other_removed);
  list("changed", d.other_changed);
  return out;
}

// The count of changed numbers and, with details, one line per number under its page.
std::string number_table(const SiteDiff& d, const Style& st, bool details) {
  if (d.numbers.empty()) return {};
  DiffCounts c = count_diff(d);
  std::string out = "\n" + st("1", "Numbers: " + std::to_string(c.num_changed) + " changed, " +
                                       std::to_string(c.num_added) + " added, " + std::to_string(c.num_removed) +
                                       " removed") + "\n";
  if (!details) return out;
  size_t w = 0;
  for (const auto& n : d.numbers)
    w = std::max(w, number_cell(n.old_text).size() + 3 + number_cell(n.new_text).size());
  std::string page;
  for (const auto& n : d.numbers) {
    if (n.page != page) {
      page = n.page;
      out += "  " + escape_controls(page) + "\n";
    }
    std::string cell = number_cell(n.old_text) + " → " + number_cell(n.new_text);
    size_t pad = w + 2 - (cell.size() - 2);  // "→" is 3 bytes, 1 column
    std::string shown = n.old_text.empty()   ? st("32", cell)
                        : n.new_text.empty() ? st("31", cell)
                                             : st("31", n.old_text) + " → " + st("32", n.new_text);
    out += "    " + shown + std::string(pad, ' ') + st("2", escape_controls(number_where(n))) + "\n";
  }
  return out;
}

// One line of a hunk: "  " equal, "- " old, "+ " new; with colour, the changed words of a paired
// line in reverse video.
std::string hunk_line(const PageDiff& p, const BlockPairs& pairs, const DiffEdit& e, const Style& st) {
  const std::string& text = edit_text(p, e);
  if (e.op == DiffOp::kEqual) return "  " + escape_controls(text) + "\n";
  bool del = e.op == DiffOp::kDelete;
  std::string line = del ? "- " : "+ ";
  std::vector<Segment> words;
  if (st.on && changed_words(p, pairs, e, &words)) {
    for (const auto& s : words)
      line += s.changed ? "\033[7m" + escape_controls(s.text) + "\033[27m" : escape_controls(s.text);
  } else {
    line += escape_controls(text);
  }
  return st(del ? "31" : "32", line) + "\n";
}

// The text diff of one changed page, hunk by hunk.
std::string page_hunks(const PageDiff& p, const Style& st) {
  std::string out = "\n" + st("1", "── " + escape_controls(p.path) + " ──") + "\n";
  BlockPairs pairs;
  if (st.on) pairs = pair_blocks(p);
  for (const auto& h : diff_hunks(p.edits, kDiffContext)) {
    out += st("36", hunk_header(h)) + "\n";
    for (size_t k = h.begin; k < h.end; ++k) out += hunk_line(p, pairs, p.edits[k], st);
  }
  return out;
}

}  // namespace

std::string format_diff_text(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir,
                             bool colour, bool details) {
  Style st{colour};
  std::string out = st("1", "annalist diff: " + escape_controls(old_dir) + " → " + escape_controls(new_dir)) + "\n" + summary_line(d) + "\n";
  if (d.identical()) return out;
  out += page_list(d, st);
  out += number_table(d, st, details);
  if (!details) return out;
  for (const auto& p : d.pages)
    if (p.status == PageStatus::kChanged) out += page_hunks(p, st);
  return out;
}

}  // namespace annalist
