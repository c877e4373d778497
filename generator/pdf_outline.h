#pragma once
// Repairs Chromium's PDF outline (--generate-pdf-document-outline): a heading that a page break
// moved to the next page gets every text piece twice ("1.1.51.1.5 标题 标题" for "1.1.5 标题").
#include <string>

namespace annalist {

/// Rewrites, in place and at the same length (the cross-reference offsets stay right), every
/// outline title `<</Title <FEFF…>` made wholly of pieces each written twice in a row, and at least
/// four characters long, to the pieces once, padded with spaces inside the hex string. Returns
/// how many titles were repaired.
int repair_outline_titles(std::string& pdf);

}  // namespace annalist
