#include "block_pairing.h"

#include <algorithm>
#include <functional>

#include "number_scan.h"
#include "text.h"

namespace annalist {

namespace {

// Words for inline highlighting: Latin words and numbers whole, spaces as runs, anything else
// one code point at a time.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t st = i;
    char c = s[i];
    if (is_ascii_alnum(c)) {
      auto digit_mark = [&](size_t k) {  // '.' or ',' between two digits
        return (s[k] == '.' || s[k] == ',') && k + 1 < s.size() && is_ascii_digit(s[k + 1]) && k > st &&
               is_ascii_digit(s[k - 1]);
      };
      while (i < s.size() && (is_ascii_alnum(s[i]) || digit_mark(i))) ++i;
      if (i < s.size() && s[i] == '%') ++i;
    } else if (c == ' ') {
      while (i < s.size() && s[i] == ' ') ++i;
    } else {
      utf8_next(s, i);
    }
    out.push_back(s.substr(st, i - st));
  }
  return out;
}

// Dice similarity of two texts over their words (numbers masked), 0..1.
double similarity(std::string_view a, std::string_view b) {
  std::string ma = mask_numbers(a), mb = mask_numbers(b);
  auto bag = [](const std::string& s) {
    std::vector<size_t> h;
    for (auto w : words(s))
      if (w != " ") h.push_back(std::hash<std::string_view>()(w));
    std::sort(h.begin(), h.end());
    return h;
  };
  auto ha = bag(ma), hb = bag(mb);
  if (ha.empty() && hb.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < ha.size() && j < hb.size()) {
    if (ha[i] == hb[j]) ++common, ++i, ++j;
    else if (ha[i] < hb[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(ha.size() + hb.size());
}

// Pairs the leftover blocks between two anchors: by position when the counts match, else each old
// block with the most similar later new block (similarity at least 0.5).
void pair_gap(const std::vector<std::string>& a, const std::vector<std::string>& b, const std::vector<int>& ga,
              const std::vector<int>& gb, std::vector<std::pair<int, int>>* out) {
  if (ga.empty() || gb.empty()) return;
  if (ga.size() == gb.size()) {
    for (size_t k = 0; k < ga.size(); ++k) out->emplace_back(ga[k], gb[k]);
    return;
  }
  if (ga.size() * gb.size() > 40000) return;
  size_t next = 0;
  for (int oi : ga) {
    double best = 0.5;
    size_t at = gb.size();
    for (size_t k = next; k < gb.size(); ++k) {
      double s = similarity(a[static_cast<size_t>(oi)], b[static_cast<size_t>(gb[k])]);
      if (s >= best) {
        if (s > best || at == gb.size()) at = k;
        best = s;
      }
    }
    if (at < gb.size()) {
      out->emplace_back(oi, gb[at]);
      next = at + 1;
    }
  }
}

}  // namespace

// Word-level difference of two versions of a line: segments of the old and of the new text.
void inline_diff(std::string_view a, std::string_view b, std::vector<Segment>* sa, std::vector<Segment>* sb) {
  auto wa = words(a), wb = words(b);
  auto push = [](std::vector<Segment>* out, std::string_view w, bool changed) {
    if (!out->empty() && out->back().changed == changed &&
        out->back().text.data() + out->back().text.size() == w.data())
      out->back().text = std::string_view(out->back().text.data(), out->back().text.size() + w.size());
    else
      out->push_back({w, changed});
  };
  for (const auto& e : diff_tokens(wa, wb)) {
    if (e.op != DiffOp::kInsert) push(sa, wa[static_cast<size_t>(e.old_index)], e.op == DiffOp::kDelete);
    if (e.op != DiffOp::kDelete) push(sb, wb[static_cast<size_t>(e.new_index)], e.op == DiffOp::kInsert);
  }
}

std::vector<ChangeRegion> change_regions(const std::vector<DiffEdit>& edits) {
  std::vector<ChangeRegion> out;
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == DiffOp::kEqual) {
      ++i;
      continue;
    }
    ChangeRegion r;
    for (; i < edits.size() && edits[i].op != DiffOp::kEqual; ++i) {
      if (edits[i].op == DiffOp::kDelete) r.removed.push_back(edits[i].old_index);
      else r.added.push_back(edits[i].new_index);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::pair<int, int>> pair_changed_blocks(const std::vector<std::string>& a,
                                                     const std::vector<std::string>& b,
                                                     const std::vector<DiffEdit>& edits) {
  std::vector<std::pair<int, int>> out;
  for (const auto& [dels, ins] : change_regions(edits)) {
    if (dels.empty() || ins.empty()) continue;
    // Anchors: blocks whose text is the same apart from the numbers.
    std::vector<std::string> ma, mb;
    for (int d : dels) ma.push_back(mask_numbers(a[static_cast<size_t>(d)]));
    for (int n : ins) mb.push_back(mask_numbers(b[static_cast<size_t>(n)]));
    std::vector<int> ga, gb;
    for (const auto& e : diff_lines(ma, mb)) {
      if (e.op == DiffOp::kDelete) {
        ga.push_back(dels[static_cast<size_t>(e.old_index)]);
      } else if (e.op == DiffOp::kInsert) {
        gb.push_back(ins[static_cast<size_t>(e.new_index)]);
      } else {
        pair_gap(a, b, ga, gb, &out);
        ga.clear();
        gb.clear();
        out.emplace_back(dels[static_cast<size_t>(e.old_index)], ins[static_cast<size_t>(e.new_index)]);
      }
    }
    pair_gap(a, b, ga, gb, &out);
  }
  return out;
}

}  // namespace annalist
