#include "number_changes.h"

#include <set>
#include <unordered_map>

#include "block_pairing.h"
#include "number_scan.h"

namespace annalist {

namespace {

// The numbers that differ between an old and a new block (either may be missing).
void add_number_changes(const TextBlock* ob, const TextBlock* nb, const std::string& page,
                        std::vector<NumberChange>* out) {
  std::vector<NumberToken> on = ob ? find_numbers(ob->text) : std::vector<NumberToken>();
  std::vector<NumberToken> nn = nb ? find_numbers(nb->text) : std::vector<NumberToken>();
  auto emit = [&](const NumberToken* o, const NumberToken* n) {
    NumberChange c;
    c.page = page;
    if (o) c.old_text = o->text;
    if (n) c.new_text = n->text;
    c.caption = nb && !nb->caption.empty() ? nb->caption : ob ? ob->caption : "";
    if (n) c.snippet = snippet_around(nb->text, n->offset, n->text.size());
    else c.snippet = snippet_around(ob->text, o->offset, o->text.size());
    out->push_back(std::move(c));
  };
  if (on.size() == nn.size()) {
    for (size_t k = 0; k < on.size(); ++k)
      if (on[k].text != nn[k].text) emit(&on[k], &nn[k]);
    return;
  }
  std::vector<std::string_view> ta, tb;
  for (const auto& t : on) ta.push_back(t.text);
  for (const auto& t : nn) tb.push_back(t.text);
  auto edits = diff_tokens(ta, tb);
  for (const auto& [dels, ins] : change_regions(edits)) {
    if (dels.size() == ins.size()) {
      for (size_t k = 0; k < dels.size(); ++k)
        emit(&on[static_cast<size_t>(dels[k])], &nn[static_cast<size_t>(ins[k])]);
    } else {
      for (int d : dels) emit(&on[static_cast<size_t>(d)], nullptr);
      for (int n : ins) emit(nullptr, &nn[static_cast<size_t>(n)]);
    }
  }
}

}  // namespace

std::vector<NumberChange> pair_numbers(const std::vector<TextBlock>& a, const std::vector<TextBlock>& b,
                                       const std::vector<DiffEdit>& edits, const std::string& page) {
  std::unordered_map<int, int> o2n;
  std::set<int> paired_new;
  for (auto [o, n] : pair_changed_blocks(block_texts(a), block_texts(b), edits)) {
    o2n[o] = n;
    paired_new.insert(n);
  }
  std::vector<NumberChange> out;
  for (const auto& e : edits) {
    if (e.op == DiffOp::kDelete) {
      const TextBlock& ob = a[static_cast<size_t>(e.old_index)];
      auto it = o2n.find(e.old_index);
      const TextBlock* nb = it == o2n.end() ? nullptr : &b[static_cast<size_t>(it->second)];
      if (ob.in_svg || (nb && nb->in_svg)) continue;
      add_number_changes(&ob, nb, page, &out);
    } else if (e.op == DiffOp::kInsert && !paired_new.count(e.new_index)) {
      const TextBlock& nb = b[static_cast<size_t>(e.new_index)];
      if (!nb.in_svg) add_number_changes(nullptr, &nb, page, &out);
    }
  }
  return out;
}

}  // namespace annalist
