#include "myers_diff.h"

#include <algorithm>
#include <unordered_map>

namespace annalist {

namespace {

// Finds a point on an optimal edit path of a[0,n) -> b[0,m) (the middle snake, bisecting from both
// ends as in Myers 1986 §4b). False when none was found.
bool bisect(const uint32_t* a, int n, const uint32_t* b, int m, std::vector<int>& v1, std::vector<int>& v2,
            int* sx, int* sy) {
  const int max_d = (n + m + 1) / 2;
  const int offset = max_d;
  const int len = 2 * max_d + 2;
  v1.assign(static_cast<size_t>(len), -1);
  v2.assign(static_cast<size_t>(len), -1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const int delta = n - m;
  const bool front = delta % 2 != 0;  // paths overlap on a forward step when delta is odd
  int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  for (int d = 0; d < max_d; ++d) {
    for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const int k1o = offset + k1;
      int x1 = (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1])) ? v1[k1o + 1] : v1[k1o - 1] + 1;
      int y1 = x1 - k1;
      while (x1 < n && y1 < m && a[x1] == b[y1]) ++x1, ++y1;
      v1[k1o] = x1;
      if (x1 > n) {
        k1end += 2;
      } else if (y1 > m) {
        k1start += 2;
      } else if (front) {
        const int k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < len && v2[k2o] != -1 && x1 >= n - v2[k2o]) {
          *sx = x1;
          *sy = y1;
          return true;
        }
      }
    }
    for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const int k2o = offset + k2;
      int x2 = (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1])) ? v2[k2o + 1] : v2[k2o - 1] + 1;
      int y2 = x2 - k2;
      while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) ++x2, ++y2;
      v2[k2o] = x2;
      if (x2 > n) {
        k2end += 2;
      } else if (y2 > m) {
        k2start += 2;
      } else if (!front) {
        const int k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < len && v1[k1o] != -1) {
          const int x1 = v1[k1o];
          const int y1 = offset + x1 - k1o;
          if (x1 >= n - x2) {
            *sx = x1;
            *sy = y1;
            return true;
          }
        }
      }
    }
  }
  return false;
}

// Interns strings as ids so sequences compare in O(1) per element.
class Interner {
 public:
  uint32_t id(std::string_view s) {
    auto [it, fresh] = ids_.emplace(s, static_cast<uint32_t>(ids_.size()));
    return it->second;
  }

 private:
  std::unordered_map<std::string_view, uint32_t> ids_;
};

}  // namespace

std::vector<DiffEdit> diff_sequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  std::vector<char> ca(a.size(), 0), cb(b.size(), 0);  // changed flags
  std::vector<int> v1, v2;
  struct Range {
    int a0, a1, b0, b1;
  };
  std::vector<Range> work{{0, n, 0, m}};
  while (!work.empty()) {
    Range r = work.back();
    work.pop_back();
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a0] == b[r.b0]) ++r.a0, ++r.b0;
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a1 - 1] == b[r.b1 - 1]) --r.a1, --r.b1;
    if (r.a0 == r.a1 || r.b0 == r.b1) {
      std::fill(ca.begin() + r.a0, ca.begin() + r.a1, 1);
      std::fill(cb.begin() + r.b0, cb.begin() + r.b1, 1);
      continue;
    }
    int x = 0, y = 0;
    const int rn = r.a1 - r.a0, rm = r.b1 - r.b0;
    if (!bisect(a.data() + r.a0, rn, b.data() + r.b0, rm, v1, v2, &x, &y) || (x == 0 && y == 0) ||
        (x == rn && y == rm)) {
      std::fill(ca.begin() + r.a0, ca.begin() + r.a1, 1);
      std::fill(cb.begin() + r.b0, cb.begin() + r.b1, 1);
      continue;
    }
    work.push_back({r.a0 + x, r.a1, r.b0 + y, r.b1});
    work.push_back({r.a0, r.a0 + x, r.b0, r.b0 + y});
  }
  std::vector<DiffEdit> out;
  out.reserve(a.size() + b.size());
  int i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && !ca[i] && !cb[j]) {
      out.push_back({DiffOp::kEqual, i++, j++});
      continue;
    }
    bool moved = false;
    while (i < n && (ca[i] || j >= m)) out.push_back({DiffOp::kDelete, i++, -1}), moved = true;
    while (j < m && (cb[j] || i >= n)) out.push_back({DiffOp::kInsert, -1, j++}), moved = true;
    if (!moved) out.push_back({DiffOp::kDelete, i++, -1});  // unreachable with consistent flags
  }
  return out;
}

std::vector<DiffEdit> diff_tokens(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  Interner in;
  std::vector<uint32_t> ia, ib;
  ia.reserve(a.size());
  ib.reserve(b.size());
  for (auto s : a) ia.push_back(in.id(s));
  for (auto s : b) ib.push_back(in.id(s));
  return diff_sequences(ia, ib);
}

std::vector<DiffEdit> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return diff_tokens(std::vector<std::string_view>(a.begin(), a.end()),
                     std::vector<std::string_view>(b.begin(), b.end()));
}

std::vector<DiffHunk> diff_hunks(const std::vector<DiffEdit>& edits, int context) {
  std::vector<DiffHunk> hunks;
  const size_t c = static_cast<size_t>(std::max(context, 0));
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == DiffOp::kEqual) {
      ++i;
      continue;
    }
    DiffHunk h;
    h.begin = i >= c ? i - c : 0;
    size_t end = i;  // one past the last change so far
    while (end < edits.size()) {
      while (end < edits.size() && edits[end].op != DiffOp::kEqual) ++end;
      size_t next = end;
      while (next < edits.size() && edits[next].op == DiffOp::kEqual) ++next;
      if (next < edits.size() && next - end <= 2 * c) end = next;
      else break;
    }
    h.end = std::min(edits.size(), end + c);
    // Line numbers: count the lines before the hunk.
    int old_before = 0, new_before = 0;
    for (size_t k = 0; k < h.begin; ++k) {
      if (edits[k].op != DiffOp::kInsert) ++old_before;
      if (edits[k].op != DiffOp::kDelete) ++new_before;
    }
    for (size_t k = h.begin; k < h.end; ++k) {
      if (edits[k].op != DiffOp::kInsert) ++h.old_count;
      if (edits[k].op != DiffOp::kDelete) ++h.new_count;
    }
    h.old_start = old_before + (h.old_count ? 1 : 0);
    h.new_start = new_before + (h.new_count ? 1 : 0);
    hunks.push_back(h);
    i = h.end;
  }
  return hunks;
}

std::string hunk_header(const DiffHunk& h) {
  return "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_count) + " +" +
         std::to_string(h.new_start) + "," + std::to_string(h.new_count) + " @@";
}

std::string format_line_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                             const std::vector<DiffEdit>& edits, int context) {
  std::string out;
  for (const auto& h : diff_hunks(edits, context)) {
    out += hunk_header(h) + "\n";
    for (size_t k = h.begin; k < h.end; ++k) {
      const auto& e = edits[k];
      if (e.op == DiffOp::kEqual) out += "  " + a[static_cast<size_t>(e.old_index)] + "\n";
      else if (e.op == DiffOp::kDelete) out += "- " + a[static_cast<size_t>(e.old_index)] + "\n";
      else out += "+ " + b[static_cast<size_t>(e.new_index)] + "\n";
    }
  }
  return out;
}

}  // namespace annalist
