#pragma once
// Shortest edit scripts between two sequences (Myers' O(ND) diff) and unified-style hunks.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// One step of an edit script.
enum class DiffOp { kEqual, kDelete, kInsert };

/// An edit: kEqual has both indexes, kDelete only old_index, kInsert only new_index (else -1).
struct DiffEdit {
  DiffOp op = DiffOp::kEqual;  ///< what happens
  int old_index = -1;          ///< index into the old sequence
  int new_index = -1;          ///< index into the new sequence
};

/// A shortest edit script between two sequences of ids (Myers' O(ND) diff in linear space);
/// in each changed region the deletions come before the insertions.
std::vector<DiffEdit> diff_sequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
/// diff_sequences over tokens compared as whole strings.
std::vector<DiffEdit> diff_tokens(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);
/// diff_sequences over lines compared as whole strings.
std::vector<DiffEdit> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b);

/// A run of edits shown together: changes plus up to `context` equal lines around them.
struct DiffHunk {
  size_t begin = 0, end = 0;  ///< edit range [begin, end) in the edit script
  int old_start = 0, old_count = 0;  ///< 1-based first old line and how many
  int new_start = 0, new_count = 0;  ///< 1-based first new line and how many
};
/// Groups an edit script into hunks with `context` equal lines on each side.
std::vector<DiffHunk> diff_hunks(const std::vector<DiffEdit>& edits, int context);
/// "@@ -a,b +c,d @@" for a hunk.
std::string hunk_header(const DiffHunk& h);
/// A plain unified-style text diff ("@@ -a,b +c,d @@", then ' ', '-', '+' lines).
std::string format_line_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                             const std::vector<DiffEdit>& edits, int context);

}  // namespace annalist
