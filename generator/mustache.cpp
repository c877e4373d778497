#include "mustache.h"

#include <nlohmann/json.hpp>

namespace annalist {

MustacheSet::MustacheSet(PartialLoader loader, MustacheLimits limits, MustacheMode mode)
    : loader_(std::move(loader)), limits_(limits), mode_(mode) {}

std::shared_ptr<const MustacheSet::Entry> MustacheSet::entry(const std::string& name) const {
  std::lock_guard l(mu_);
  auto it = cache_.find(name);
  if (it != cache_.end()) return it->second;
  auto e = std::make_shared<Entry>();
  try {
    std::optional<std::pair<std::string, std::string>> src;
    if (loader_) src = loader_(name);
    if (src) {
      e->found = true;
      Diagnostics d;
      e->tmpl = compile_mustache(src->first, src->second, d);
      e->diags = d.items();
    }
  } catch (const std::exception& ex) {
    e->found = true;
    e->tmpl = nullptr;
    e->diags = {{Severity::kError, {}, "cannot load template '" + name + "': " + ex.what(), ""}};
  } catch (...) {
    e->found = true;
    e->tmpl = nullptr;
    e->diags = {{Severity::kError, {}, "cannot load template '" + name + "'", ""}};
  }
  std::shared_ptr<const Entry> ce = e;
  cache_.emplace(name, ce);
  return ce;
}

std::shared_ptr<const MustacheTemplate> MustacheSet::get(const std::string& name, Diagnostics& diags) const {
  try {
    auto e = entry(name);
    if (!e->found) {
      diags.error({}, "template '" + name + "' not found",
                  "add a template named '" + name + "' (" + name + ".mustache) or fix the name");
      return nullptr;
    }
    if (!e->tmpl)
      for (const auto& d : e->diags) diags.add(d);
    return e->tmpl;
  } catch (const std::exception& ex) {
    diags.error({}, "internal error while loading template '" + name + "': " + ex.what());
  } catch (...) {
    diags.error({}, "internal error while loading template '" + name + "'");
  }
  return nullptr;
}

}  // namespace annalist
