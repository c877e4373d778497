// Rendering a compiled Mustache template: context lookup, sections, partials and inheritance,
// with the limits that keep any template or data from hanging or exhausting the machine.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "mustache.h"
#include "mustache_node.h"
#include "text.h"

namespace annalist {

using json = nlohmann::json;

namespace {

using Kind = MustacheNodeKind;

// --- rendering -------------------------------------------------------------------------

bool truthy(const json* v) {
  if (!v) return false;
  switch (v->type()) {
    case json::value_t::null:
    case json::value_t::discarded: return false;
    case json::value_t::boolean: return v->get<bool>();
    case json::value_t::array: return !v->empty();
    case json::value_t::string: return !v->get_ref<const std::string&>().empty();
    default: return true;
  }
}

const json* child(const json& v, const std::string& key) {
  if (v.is_object()) {
    auto it = v.find(key);
    return it == v.end() ? nullptr : &*it;
  }
  if (v.is_array() && !key.empty() && key.size() <= 18 &&
      std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t idx = std::stoull(key);
    return idx < v.size() ? &v[idx] : nullptr;
  }
  return nullptr;
}

class Renderer {
 public:
  Renderer(const MustacheSet& set, std::string& out, Diagnostics& diags)
      : set_(set), lim_(set.limits()), out_(out), diags_(diags), out_start_(out.size()) {
    ctx_.reserve(32);
  }

  void run(const MustacheTemplate& t, std::initializer_list<const json*> stack) {
    for (const json* c : stack) ctx_.push_back(c);
    render_range(t, 0, static_cast<uint32_t>(t.nodes.size()));
  }

 private:
  struct Frame {
    const MustacheTemplate* t;  ///< template holding the parent tag
    uint32_t parent;            ///< the parent tag's node
  };

  static SourcePos pos(const MustacheTemplate& t, uint32_t at) {
    if (at >= t.nodes.size()) return {t.file, 0, 0};
    return {t.file, t.nodes[at].line, t.nodes[at].col};
  }

  bool report_once(const MustacheTemplate* t, uint32_t at) {
    for (const auto& r : reported_)
      if (r.first == t && r.second == at) return false;
    reported_.emplace_back(t, at);
    return true;
  }

  void stop(const MustacheTemplate& t, uint32_t at, std::string message, std::string hint) {
    if (!aborted_) diags_.error(pos(t, at), std::move(message), std::move(hint));
    aborted_ = true;
  }

  bool active() const { return indent_.size() > base_; }

  void write_indent() {
    for (size_t k = base_; k < indent_.size(); ++k) out_ += *indent_[k];
  }

  void flush_indent() {
    if (pending_) write_indent();
    pending_ = false;
  }

  void emit_text(const std::string& s) {
    if (!active()) {
      out_ += s;
      return;
    }
    size_t i = 0;
    while (i < s.size()) {
      if (pending_) flush_indent();
      size_t nl = s.find('\n', i);
      if (nl == std::string::npos) {
        out_.append(s, i, std::string::npos);
        return;
      }
      out_.append(s, i, nl + 1 - i);
      i = nl + 1;
      pending_ = true;
    }
  }

  void emit_chars(std::string_view s, bool escape) {
    if (s.empty()) return;
    if (active()) flush_indent();
    if (escape) html_escape(s, out_);
    else out_.append(s);
  }

  void emit_value(const json& v, bool escape) {
    char buf[64];
    std::to_chars_result r{buf, std::errc()};
    switch (v.type()) {
      case json::value_t::string: emit_chars(v.get_ref<const std::string&>(), escape); return;
      case json::value_t::null:
      case json::value_t::discarded: return;
      case json::value_t::boolean: emit_chars(v.get<bool>() ? "true" : "false", false); return;
      case json::value_t::number_integer:
        r = std::to_chars(buf, buf + sizeof buf, *v.get_ptr<const json::number_integer_t*>());
        break;
      case json::value_t::number_unsigned:
        r = std::to_chars(buf, buf + sizeof buf, *v.get_ptr<const json::number_unsigned_t*>());
        break;
      case json::value_t::number_float:
        r = std::to_chars(buf, buf + sizeof buf, *v.get_ptr<const json::number_float_t*>());
        break;
      default: emit_chars(v.dump(), escape); return;
    }
    if (r.ec == std::errc()) emit_chars(std::string_view(buf, static_cast<size_t>(r.ptr - buf)), false);
  }

  const json* lookup(const MustacheNode& n) const {
    if (n.implicit) return ctx_.back();
    if (n.path.empty()) return nullptr;
    const json* v = nullptr;
    size_t k = 0;
    if (n.scoped) {
      v = ctx_.back();
    } else {
      const std::string& first = n.path[0];
      for (size_t i = ctx_.size(); i-- > 0;) {
        const json* c = ctx_[i];
        if (!c->is_object()) continue;
        auto it = c->find(first);
        if (it != c->end()) {
          v = &*it;
          break;
        }
      }
      if (!v) return nullptr;
      k = 1;
    }
    for (; k < n.path.size(); ++k) {
      v = child(*v, n.path[k]);
      if (!v) return nullptr;
    }
    return v;
  }

  /// The name a partial/parent tag refers to; nullopt when a dynamic name does not resolve.
  std::optional<std::string_view> target_name(const MustacheNode& n) const {
    if (!n.dynamic) return std::string_view(n.text);
    const json* v = lookup(n);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string_view(v->get_ref<const std::string&>());
  }

  const MustacheTemplate* resolve(const MustacheTemplate& t, uint32_t at, std::string_view name, const char* what) {
    std::shared_ptr<const MustacheSet::Entry> e;
    for (const auto& c : cache_)
      if (c.first == name) {
        e = c.second;
        break;
      }
    if (!e) {
      e = set_.entry(std::string(name));
      cache_.emplace_back(std::string(name), e);
    }
    if (!e->found) {
      if (set_.mode() == MustacheMode::kStrict && report_once(&t, at)) {
        std::string nm(name);
        diags_.error(pos(t, at), std::string(what) + " '" + nm + "' not found",
                     "add a template named '" + nm + "' (" + nm + ".mustache) or fix the name");
      }
      return nullptr;
    }
    if (!e->tmpl) {
      if (report_once(&t, at))
        for (const auto& d : e->diags) diags_.add(d);
      return nullptr;
    }
    return e->tmpl.get();
  }

  bool enter(const MustacheTemplate& t, uint32_t at) {
    if (nesting_ >= lim_.max_nesting) {
      stop(t, at, "sections and partials nested deeper than " + std::to_string(lim_.max_nesting) + " levels",
           "simplify the template or the data it walks");
      return false;
    }
    ++nesting_;
    return true;
  }

  /// Renders [begin, end) of target in place of the tag at (t, at): a standalone tag indents
  /// every line by indent; an inline one gives its lines no indentation of their own.
  void expand(const MustacheTemplate& t, uint32_t at, const MustacheTemplate& target, uint32_t begin,
              uint32_t end, bool standalone, const std::string& indent, std::string_view name) {
    if (depth_ >= lim_.max_depth) {
      stop(t, at,
           "partials nested deeper than " + std::to_string(lim_.max_depth) + " levels at '" + std::string(name) +
               "'",
           "a partial, parent or block that includes itself needs a section that ends the recursion");
      return;
    }
    if (!enter(t, at)) return;
    ++depth_;
    if (standalone) {
      bool push = !indent.empty();
      if (push) indent_.push_back(&indent);
      pending_ = true;
      render_range(target, begin, end);
      if (push) indent_.pop_back();
    } else {
      if (active()) flush_indent();
      size_t saved = base_;
      base_ = indent_.size();
      render_range(target, begin, end);
      base_ = saved;
      pending_ = false;
    }
    --depth_;
    --nesting_;
  }

  void render_block(const MustacheTemplate& t, uint32_t i) {
    const MustacheNode& n = t.nodes[i];
    const MustacheTemplate* ot = nullptr;
    uint32_t oi = 0;
    for (const Frame& f : frames_) {  // the outermost override wins
      for (uint32_t a : f.t->nodes[f.parent].args)
        if (f.t->nodes[a].text == n.text) {
          ot = f.t;
          oi = a;
        }
      if (ot) break;
    }
    if (ot) {
      expand(t, i, *ot, oi + 1, ot->nodes[oi].end, n.standalone, n.site_indent, n.text);
    } else if (enter(t, i)) {
      render_range(t, i + 1, n.end);
      --nesting_;
    }
  }

  void render_range(const MustacheTemplate& t, uint32_t begin, uint32_t end) {
    for (uint32_t i = begin; i < end && !aborted_;) {
      const MustacheNode& n = t.nodes[i];
      if (++steps_ > lim_.max_steps) {
        stop(t, i, "rendering stopped after " + std::to_string(lim_.max_steps) + " steps",
             "partials or sections expand too much (partials that include each other many times?)");
        return;
      }
      if (out_.size() - out_start_ > lim_.max_output) {
        stop(t, i, "rendering stopped: output larger than " + std::to_string(lim_.max_output) + " bytes",
             "partials or sections expand too much");
        return;
      }
      switch (n.kind) {
        case Kind::kText: emit_text(n.text); ++i; break;
        case Kind::kVar:
        case Kind::kRaw: {
          if (const json* v = lookup(n)) emit_value(*v, n.kind == Kind::kVar);
          ++i;
          break;
        }
        case Kind::kSection: {
          const json* v = lookup(n);
          if (truthy(v) && enter(t, i)) {
            if (v->is_array()) {
              for (const json& el : *v) {
                if (aborted_) break;
                ++steps_;
                ctx_.push_back(&el);
                render_range(t, i + 1, n.end);
                ctx_.pop_back();
              }
            } else {
              ctx_.push_back(v);
              render_range(t, i + 1, n.end);
              ctx_.pop_back();
            }
            --nesting_;
          }
          i = n.end;
          break;
        }
        case Kind::kInverted: {
          if (!truthy(lookup(n)) && enter(t, i)) {
            render_range(t, i + 1, n.end);
            --nesting_;
          }
          i = n.end;
          break;
        }
        case Kind::kPartial: {
          if (auto name = target_name(n))
            if (const MustacheTemplate* p = resolve(t, i, *name, "partial"))
              expand(t, i, *p, 0, static_cast<uint32_t>(p->nodes.size()), n.standalone, n.indent, *name);
          ++i;
          break;
        }
        case Kind::kParent: {
          if (auto name = target_name(n)) {
            if (const MustacheTemplate* p = resolve(t, i, *name, "parent template")) {
              frames_.push_back({&t, i});
              expand(t, i, *p, 0, static_cast<uint32_t>(p->nodes.size()), n.standalone, n.indent, *name);
              frames_.pop_back();
            }
          }
          i = n.end;
          break;
        }
        case Kind::kBlock: render_block(t, i); i = n.end; break;
      }
    }
  }

  const MustacheSet& set_;
  const MustacheLimits& lim_;
  std::string& out_;
  Diagnostics& diags_;
  size_t out_start_;
  std::vector<const json*> ctx_;             ///< the context stack, top at the back
  std::vector<const std::string*> indent_;   ///< indentation pieces of standalone expansions
  size_t base_ = 0;                          ///< pieces below this belong to an enclosing inline expansion
  bool pending_ = false;                     ///< at a line start: indent before the next output
  std::vector<Frame> frames_;                ///< parents being rendered, outermost first
  int depth_ = 0;                            ///< partial/parent/override expansions nested
  int nesting_ = 0;                          ///< sections and expansions nested
  uint64_t steps_ = 0;
  bool aborted_ = false;
  std::vector<std::pair<const MustacheTemplate*, uint32_t>> reported_;
  std::vector<std::pair<std::string, std::shared_ptr<const MustacheSet::Entry>>> cache_;
};

}  // namespace


void MustacheSet::render(const MustacheTemplate& t, const json& data, std::string& out, Diagnostics& diags) const {
  render(t, {&data}, out, diags);
}

void MustacheSet::render(const MustacheTemplate& t, std::initializer_list<const json*> stack, std::string& out,
                         Diagnostics& diags) const {
  try {
    Renderer r(*this, out, diags);
    r.run(t, stack);
  } catch (const std::exception& e) {
    diags.error({t.file, 0, 0}, std::string("internal error while rendering: ") + e.what());
  } catch (...) {
    diags.error({t.file, 0, 0}, "internal error while rendering");
  }
}

std::string render_mustache(std::string_view source, const std::string& file, const json& data,
                            PartialLoader loader, Diagnostics& diags) {
  std::string out;
  auto t = compile_mustache(source, file, diags);
  if (!t) return out;
  MustacheSet set(std::move(loader));
  set.render(*t, data, out, diags);
  return out;
}

}  // namespace annalist

