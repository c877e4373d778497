#pragma once
// Definition lists (Pandoc / PHP Markdown Extra): a paragraph of terms whose following lines start
// with ": ", found on the cmark tree and rebuilt as <dl>, <dt>, <dd> blocks.
struct cmark_node;

namespace annalist {

/// Rewrites every definition list below doc into custom blocks (markdown.h):
///   Term            Term
///   : definition    (blank line)
///                   : definition, in its own paragraph
/// Terms written one after the other share a <dl>.
void mark_definition_lists(cmark_node* doc);

}  // namespace annalist
