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

void image_element(const ImageUse& use, const ImageStore* images, std::set<std::string>* deps, std::string& out,
                   Diagnostics& diags) {
  if (use.alt.empty())
    diags.warning(use.pos, "image without alt text", "describe the image: ![what it shows](path)");
  ImageRef ref = images ? parse_image_ref(use.url, use.page_file, use.root) : ImageRef{};
  std::shared_ptr<const ImageFile> file;
  if (ref.kind == ImageRef::kLocal) {
    file = images->get(ref);
    deps->insert(ref.rel);  // also when missing: creating it renders the page again
  }
  bool shown = report_image(use.url, ref, file.get(), use.pos, diags);
  out += "<img";
  if (file && shown)  // written for a page in chapters/; print.html drops the "../"
    attribute("src", "../" + url_path_encode(file->site_path()) + ref.suffix, out);
  else if (ref.kind == ImageRef::kExternal)
    attribute("src", dangerous_url(use.url) ? "" : use.url, out);
  // A file that cannot be shown gets no src: it is reported once, not again as a broken link.
  attribute("alt", use.alt, out);
  if (!use.title.empty()) attribute("title", use.title, out);
  if (file && shown && file->size.width > 0) {
    attribute("width", std::to_string(file->size.width), out);
    attribute("height", std::to_string(file->size.height), out);
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
