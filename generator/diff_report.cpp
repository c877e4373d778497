#include "diff_report.h"

#include "block_pairing.h"

namespace annalist {

const char* status_name(PageStatus s) {
  switch (s) {
    case PageStatus::kAdded: return "added";
    case PageStatus::kRemoved: return "removed";
    case PageStatus::kChanged: return "changed";
    case PageStatus::kMarkupOnly: return "markup only";
  }
  return "";
}

DiffCounts count_diff(const SiteDiff& d) {
  DiffCounts c;
  for (const auto& p : d.pages) {
    if (p.status == PageStatus::kAdded) ++c.added;
    else if (p.status == PageStatus::kRemoved) ++c.removed;
    else if (p.status == PageStatus::kChanged) ++c.changed;
    else ++c.markup;
  }
  for (const auto& n : d.numbers) {
    if (n.old_text.empty()) ++c.num_added;
    else if (n.new_text.empty()) ++c.num_removed;
    else ++c.num_changed;
  }
  return c;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string summary_line(const SiteDiff& d) {
  DiffCounts c = count_diff(d);
  size_t total = d.pages.size() + d.unchanged;
  if (d.identical()) return "No differences (" + plural(total, "page", "pages") + " compared).";
  std::string s = plural(d.pages.size(), "page differs", "pages differ") + ": " + std::to_string(c.added) +
                  " added, " + std::to_string(c.removed) + " removed, " + std::to_string(c.changed) +
                  " changed, " + std::to_string(c.markup) + " markup only; " + std::to_string(d.unchanged) +
                  " unchanged.";
  size_t other = d.other_added.size() + d.other_removed.size() + d.other_changed.size();
  if (other) s += " " + plural(other, "other file differs.", "other files differ.");
  return s;
}

std::string number_cell(const std::string& s) { return s.empty() ? "(none)" : s; }

std::string number_where(const NumberChange& n) {
  if (n.caption.empty() || n.caption == n.snippet) return n.snippet;
  return n.caption + " — " + n.snippet;
}

const std::string& edit_text(const PageDiff& p, const DiffEdit& e) {
  return e.op == DiffOp::kInsert ? p.new_blocks[static_cast<size_t>(e.new_index)].text
                                 : p.old_blocks[static_cast<size_t>(e.old_index)].text;
}

BlockPairs pair_blocks(const PageDiff& p) {
  BlockPairs pairs;
  for (auto [o, n] : pair_changed_blocks(block_texts(p.old_blocks), block_texts(p.new_blocks), p.edits)) {
    pairs.old_to_new[o] = n;
    pairs.new_to_old[n] = o;
  }
  return pairs;
}

bool changed_words(const PageDiff& p, const BlockPairs& pairs, const DiffEdit& e, std::vector<Segment>* out) {
  bool del = e.op == DiffOp::kDelete;
  const auto& map = del ? pairs.old_to_new : pairs.new_to_old;
  auto other = map.find(del ? e.old_index : e.new_index);
  if (e.op == DiffOp::kEqual || other == map.end()) return false;
  const std::string& text = edit_text(p, e);
  const std::string& ot = del ? text : p.old_blocks[static_cast<size_t>(other->second)].text;
  const std::string& nt = del ? p.new_blocks[static_cast<size_t>(other->second)].text : text;
  std::vector<Segment> so, sn;
  inline_diff(ot, nt, &so, &sn);
  *out = del ? std::move(so) : std::move(sn);
  return true;
}

}  // namespace annalist
