#pragma once
// Callouts: GitHub alerts (`> [!NOTE]`) and fenced callouts (`::: note` … `:::`, Quarto's
// `::: {.callout-note}`), found on the cmark tree and made into one block,
// <div class="alert alert-note" role="note"> with a title in the report's language.
#include <string>

#include "diagnostic.h"
#include "ui_strings.h"

struct cmark_node;

namespace annalist {

/// The kinds of callout, in the order of UiStrings::alert_titles.
inline constexpr const char* kCalloutKinds[] = {"note", "tip", "important", "warning", "caution"};

/// Rewrites every alert and ::: callout below doc into a custom block (markdown.h). A marker of
/// an unknown kind and a ::: that is never closed are warnings, and the text is left as written.
void mark_callouts(cmark_node* doc, const UiStrings& ui, const std::string& file, int first_line,
                   Diagnostics& diags);

/// The title a callout block made by mark_callouts shows (for search); "" for any other node.
std::string callout_title(cmark_node* block);

}  // namespace annalist
