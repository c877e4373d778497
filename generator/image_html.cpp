#include "image_html.h"

#include "figure.h"
#include "images.h"
#include "safe_url.h"
#include "text.h"

namespace annalist {

namespace {

void attribute(const char* name, std::string_view value, std::string& out) {
  out += ' ';
  out += name;
  out += "=\"";
  html_escape(value, out);
  out += '"';
}

}  // namespace

LocalImage local_image(const ImageUse& use, const ImageStore* images, std::set<std::string>* deps, Diagnostics& diags) {
  ImageRef ref = images ? parse_image_ref(use.url, use.page_file, use.root) : ImageRef{};
  std::shared_ptr<const ImageFile> file;
  if (ref.kind == ImageRef::kLocal) {
    file = images->get(ref);
    deps->insert(ref.rel);  // also when missing: creating it renders the page again
  }
  LocalImage li;
  li.local = ref.kind != ImageRef::kExternal;
  // A file that cannot be shown gets no src: it is reported once, not again as a broken link.
  if (!report_image(use.url, ref, file.get(), use.pos, diags) || !file) return li;
  li.src = "../" + url_path_encode(file->site_path()) + ref.suffix;  // print.html drops the "../"
  li.width = file->size.width;
  li.height = file->size.height;
  return li;
}

void image_element(const ImageUse& use, const ImageStore* images, std::set<std::string>* deps, std::string& out,
                   Diagnostics& diags) {
  if (use.alt.empty())
    diags.warning(use.pos, "image without alt text", "describe the image: ![what it shows](path)");
  LocalImage li = local_image(use, images, deps, diags);
  out += "<img";
  if (!li.src.empty()) attribute("src", li.src, out);
  else if (!li.local) attribute("src", dangerous_url(use.url) ? "" : use.url, out);
  attribute("alt", use.alt, out);
  if (!use.title.empty()) attribute("title", use.title, out);
  if (li.width > 0) {
    attribute("width", std::to_string(li.width), out);
    attribute("height", std::to_string(li.height), out);
  }
  out += " loading=\"lazy\">";
}

std::string image_figure_open(const std::string& id, const std::string& label, const std::string& caption,
                              const std::string& link_name) {
  // Figure ids are unique in the whole report, so they need no per-page prefix.
  return "<figure id=\"fig-" + html_escape(id) + "\" class=\"figure image\">\n" +
         figure_caption(label, caption, "", "fig-" + id, link_name);
}

}  // namespace annalist
