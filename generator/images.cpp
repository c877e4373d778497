#include "images.h"

#include "hash.h"
#include "source_link.h"
#include "text.h"

namespace annalist {

namespace {

// True for "https:…", "data:…", "//host/…": a URL that is not a project file.
bool is_url(std::string_view url) {
  if (url.substr(0, 2) == "//") return true;
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (char c : url.substr(0, colon))
    if (!is_ascii_alnum(c) && c != '+' && c != '-' && c != '.') return false;
  return true;
}

const char* kFormatsHint = "use a PNG, JPEG, GIF, SVG, WebP or AVIF file";

}  // namespace

ImageRef parse_image_ref(std::string_view url, const std::string& page_file, const std::string& root) {
  ImageRef ref;
  if (is_url(url)) return ref;
  ref.kind = ImageRef::kBad;
  size_t cut = std::min(url.find('?'), url.find('#'));
  std::string decoded = percent_decode(url.substr(0, cut));
  if (decoded.empty()) {
    ref.problem = "image has no file name";
    ref.hint = "write the image's path: ![what it shows](img/chart.png)";
    return ref;
  }
  if (decoded[0] == '/' || decoded.find('\\') != std::string::npos) {
    ref.problem = "image path '" + std::string(url) + "' is not relative";
    ref.hint = "write the path relative to the page (img/chart.png), so the site works in any folder and in print.html";
    return ref;
  }
  std::string base = lexically_normal(root);
  std::string path = lexically_normal(path_join(path_dir(page_file), decoded));
  std::string prefix = base.empty() ? "" : base + "/";
  if (path.compare(0, prefix.size(), prefix) != 0 || path.size() == prefix.size() ||
      path.compare(prefix.size(), 3, "../") == 0 || path.substr(prefix.size()) == "..") {
    ref.problem = "image path '" + std::string(url) + "' leaves the project directory";
    ref.hint = "copy the image into the project (next to the page, e.g. img/) and write the path from there";
    return ref;
  }
  ref.kind = ImageRef::kLocal;
  ref.path = std::move(path);
  ref.rel = ref.path.substr(prefix.size());
  ref.suffix = std::string(url.substr(std::min(cut, url.size())));
  return ref;
}

std::shared_ptr<const ImageFile> ImageStore::get(const ImageRef& ref) const {
  {
    std::lock_guard l(mu_);
    auto it = files_.find(ref.rel);
    if (it != files_.end()) return it->second;
  }
  // Read outside the lock: pages on other threads go on; a file read twice at once is kept once.
  auto file = load(ref.rel, ref.path);
  std::lock_guard l(mu_);
  return files_.emplace(ref.rel, std::move(file)).first->second;
}

std::shared_ptr<const ImageFile> ImageStore::get_rel(const std::string& rel) const {
  ImageRef ref;
  ref.kind = ImageRef::kLocal;
  ref.rel = rel;
  ref.path = path_join(root_, rel);
  return get(ref);
}

std::shared_ptr<const ImageFile> ImageStore::load(const std::string& rel, const std::string& path) const {
  auto f = std::make_shared<ImageFile>();
  f->rel = rel;
  f->hash = "missing";
  f->format = image_format_for(rel);
  if (f->format == ImageFormat::kUnknown) {
    f->why = "unsupported";
    return f;
  }
  auto bytes = fs_.read_input(root_.empty() ? "." : root_, path, &f->why);
  if (!bytes) {
    if (f->why == "does not exist") {
      std::string dir = path_dir(path);
      for (auto& name : fs_.list_files(dir.empty() ? "." : dir))
        if (name.find('/') == std::string::npos && image_format_for(name) != ImageFormat::kUnknown)
          f->siblings.push_back(name);
    }
    return f;
  }
  f->hash = hash_hex(*bytes);
  if (!read_image_size(f->format, *bytes, &f->size, &f->why)) return f;
  if (f->format == ImageFormat::kSvg && f->size.width == 0)
    f->size_warning = "SVG image has no width and height or viewBox";
  f->why.clear();
  f->bytes = std::make_shared<const std::string>(std::move(*bytes));
  return f;
}

bool report_image(const std::string& url, const ImageRef& ref, const ImageFile* file, const SourcePos& pos,
                  Diagnostics& diags) {
  if (ref.kind == ImageRef::kBad) {
    diags.error(pos, ref.problem, ref.hint);
    return false;
  }
  if (ref.kind != ImageRef::kLocal || !file) return ref.kind == ImageRef::kExternal;
  std::string written = url.substr(0, url.size() - ref.suffix.size());
  if (file->bytes) {
    if (!file->size_warning.empty())
      diags.warning(pos, file->size_warning + ": '" + written + "'",
                    "add viewBox=\"0 0 W H\" to its <svg> element so that the page can keep its space");
    return true;
  }
  if (file->why == "unsupported") {
    diags.error(pos, "image '" + written + "' is not in a format the site can show", kFormatsHint);
  } else if (file->why == "does not exist") {
    size_t slash = written.rfind('/');
    std::string dir = slash == std::string::npos ? "" : written.substr(0, slash + 1);
    std::vector<std::string> candidates;
    for (const auto& s : file->siblings) candidates.push_back(dir + s);
    std::string hint = did_you_mean(written, candidates);
    diags.error(pos, "image '" + written + "' not found",
                hint.empty() ? "put the image at " + ref.path + " or fix the path" : hint);
  } else if (file->why.find("outside") != std::string::npos) {
    diags.error(pos, "image path '" + written + "' " + file->why,
                "copy the image into the project instead of linking to it");
  } else if (file->why.rfind("is a ", 0) == 0 && file->why.find(" file, not ") != std::string::npos) {
    diags.error(pos, "image '" + written + "' " + file->why, "give the file the extension of its format");
  } else {
    diags.error(pos, "image '" + written + "' " + file->why, kFormatsHint);
  }
  return false;
}

}  // namespace annalist
