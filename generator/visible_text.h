#pragma once
// The visible text of an HTML page, block by block: what `annalist diff` compares.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// One visible text block of a page: the text of one HTML block element (a table row is one block).
struct TextBlock {
  std::string text;     ///< whitespace collapsed, entities decoded, cells joined by " | "
  std::string caption;  ///< text of the enclosing <figcaption>/<caption>, "" outside figures
  bool in_svg = false;  ///< a chart's <title>/<desc> (derived from its data table)
};

/// The visible text of an HTML page, one block per block element; <script>, <style> and the
/// drawing inside <svg> (all but <title> and <desc>) are dropped.
std::vector<TextBlock> extract_text_blocks(std::string_view html);
/// Just the texts of extract_text_blocks.
std::vector<std::string> extract_text_lines(std::string_view html);
/// The texts of blocks, in order.
std::vector<std::string> block_texts(const std::vector<TextBlock>& blocks);
/// Decodes &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; &#NNN; &#xHH; (others are kept as written).
std::string decode_entities(std::string_view s);

}  // namespace annalist
