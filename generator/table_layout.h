#pragma once
// How a table reads on any screen, decided when the page is built: which cells must not break
// (numbers, dates), which tables turn into stacked cards on phones (long text in several
// columns), and the scroll region a table sits in (named, focusable, with scroll shadows in CSS).
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// True for a cell that holds only a number ("1,105.8", "−3.2%", "+42") or a date ("2022-06-24",
/// "2022-06", "2022/6/24", "2022年6月24日"): it is written with class "nowrap" so that it never
/// breaks across lines.
bool unbreakable_cell(std::string_view text);

/// True when a table reads better as stacked cards on a phone than squeezed or scrolled: at least
/// 3 columns, 2 or more of them text (not only numbers and dates), a text cell of 8 em or more,
/// and the widest cells together wider than a phone (20 em). `rows` are the body cells' texts.
bool stacks_as_cards(const std::vector<std::vector<std::string>>& rows);

/// The scroll region a table sits in: `<div class="table-wrap" role="region" aria-label="…"
/// tabindex="0">` (the label names the table: its caption, or `fallback` when it has none).
std::string table_wrap_open(std::string_view label);

}  // namespace annalist
