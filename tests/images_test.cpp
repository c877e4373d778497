// Local images on pages: where a path points, the <img> a page gets (site path, size, lazy
// loading), and the located diagnostics for a missing, escaping or unlabelled image.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "data.h"
#include "html.h"
#include "images.h"
#include "xref.h"

using namespace annalist;

namespace {

std::string png(uint32_t w, uint32_t h) {
  auto be32 = [](uint32_t v) { return std::string{char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)}; };
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x02\0\0\0", 5);
}

// A project in memory: report in proj/, the page proj/chapters/one.md.
struct Project1 {
  MemoryFileSystem fs;
  Config config;
  DataStore data;
  UiStrings ui = ui_strings(nlohmann::json::object());
  Project1() { config.root = "proj"; }
  RenderedPage render(const std::string& md) {
    ImageStore images(fs, config.root);
    Page p;
    p.file = "proj/chapters/one.md";
    p.source = std::make_shared<const std::string>(md);
    p.number = "1";
    p.slug = "one";
    p.url = "chapters/one.html";
    return render_page(p, RenderEnv{config, data, ui, &images});
  }
};

std::string diags_of(const RenderedPage& r) {
  std::ostringstream s;
  print_diagnostics(r.diags, s);
  return s.str();
}

}  // namespace

TEST_CASE("image paths: relative to the page, inside the project", "[images]") {
  ImageRef r = parse_image_ref("img/a%20b.png#x", "proj/chapters/one.md", "proj");
  CHECK(r.kind == ImageRef::kLocal);
  CHECK(r.path == "proj/chapters/img/a b.png");
  CHECK(r.rel == "chapters/img/a b.png");
  CHECK(r.suffix == "#x");
  CHECK(parse_image_ref("../shared/logo.svg", "proj/chapters/one.md", "proj").rel == "shared/logo.svg");
  CHECK(parse_image_ref("https://example.org/a.png", "proj/c.md", "proj").kind == ImageRef::kExternal);
  CHECK(parse_image_ref("//cdn.example.org/a.png", "proj/c.md", "proj").kind == ImageRef::kExternal);
  CHECK(parse_image_ref("data:image/png;base64,AA", "proj/c.md", "proj").kind == ImageRef::kExternal);
  ImageRef out = parse_image_ref("../../secret.png", "proj/chapters/one.md", "proj");
  CHECK(out.kind == ImageRef::kBad);
  CHECK(out.problem == "image path '../../secret.png' leaves the project directory");
  CHECK(parse_image_ref("/etc/a.png", "proj/c.md", "proj").problem == "image path '/etc/a.png' is not relative");
  CHECK(parse_image_ref("..", "proj/c.md", "proj").kind == ImageRef::kBad);
  // A project in the working directory.
  CHECK(parse_image_ref("img/a.png", "chapters/one.md", ".").rel == "chapters/img/a.png");
  CHECK(parse_image_ref("../../a.png", "chapters/one.md", ".").kind == ImageRef::kBad);
}

TEST_CASE("a local image is copied to images/ with its size and lazy loading", "[images]") {
  Project1 p;
  p.fs.put("proj/chapters/img/chart.png", png(640, 480));
  RenderedPage r = p.render("# T\n\nText ![Sales by year](img/chart.png \"Sales\") more.\n");
  CHECK(diags_of(r).empty());
  CHECK(r.body_html().find("<img src=\"../images/chapters/img/chart.png\" alt=\"Sales by year\" title=\"Sales\" "
                           "width=\"640\" height=\"480\" loading=\"lazy\">") != std::string::npos);
  CHECK(r.image_deps == std::set<std::string>{"chapters/img/chart.png"});
}

TEST_CASE("an image URL is written as it is, without a size", "[images]") {
  Project1 p;
  RenderedPage r = p.render("# T\n\n![Logo](https://example.org/logo.png)\n");
  CHECK(diags_of(r).empty());
  CHECK(r.body_html().find("<img src=\"https://example.org/logo.png\" alt=\"Logo\" loading=\"lazy\">") !=
        std::string::npos);
  CHECK(r.image_deps.empty());
}

TEST_CASE("image problems are located, with hints", "[images]") {
  Project1 p;
  p.fs.put("proj/chapters/img/chart.png", png(2, 2));
  p.fs.put("proj/chapters/img/notes.txt", "x");
  p.fs.put("proj/chapters/img/photo.png", "\xff\xd8\xff\xe0 not really");
  p.fs.put("proj/chapters/img/plain.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>");
  RenderedPage r = p.render(
      "# T\n\n"
      "![A](img/chrat.png)\n\n"
      "![](img/chart.png)\n\n"
      "![C](../../up.png)\n\n"
      "![D](img/notes.txt)\n\n"
      "![E](img/photo.png)\n\n"
      "![F](img/plain.svg)\n\n"
      "![G](nowhere/x.png)\n");
  CHECK(diags_of(r) ==
        "proj/chapters/one.md:3:1: error: image 'img/chrat.png' not found\n"
        "  hint: did you mean 'img/chart.png'?\n"
        "proj/chapters/one.md:5:1: warning: image without alt text\n"
        "  hint: describe the image: ![what it shows](path)\n"
        "proj/chapters/one.md:7:1: error: image path '../../up.png' leaves the project directory\n"
        "  hint: copy the image into the project (next to the page, e.g. img/) and write the path from there\n"
        "proj/chapters/one.md:9:1: error: image 'img/notes.txt' is not in a format the site can show\n"
        "  hint: use a PNG, JPEG, GIF, SVG, WebP or AVIF file\n"
        "proj/chapters/one.md:11:1: error: image 'img/photo.png' is a JPEG file, not PNG\n"
        "  hint: give the file the extension of its format\n"
        "proj/chapters/one.md:13:1: warning: SVG image has no width and height or viewBox: 'img/plain.svg'\n"
        "  hint: add viewBox=\"0 0 W H\" to its <svg> element so that the page can keep its space\n"
        "proj/chapters/one.md:15:1: error: image 'nowhere/x.png' not found\n"
        "  hint: put the image at proj/chapters/nowhere/x.png or fix the path\n");
  // A missing image is still a dependency: creating it renders the page again.
  CHECK(r.image_deps.count("chapters/img/chrat.png"));
}

TEST_CASE("print.html shows images from its own directory", "[images]") {
  Project1 p;
  p.fs.put("proj/chapters/img/chart.png", png(4, 3));
  RenderedPage r = p.render("# T\n\n![A](img/chart.png)\n");
  Page page;
  page.slug = "one";
  page.url = "chapters/one.html";
  std::vector<Page> pages{page};
  std::vector<RenderedPage> rs{r};
  Diagnostics d;
  Targets t = collect_targets(pages, rs, p.ui, d);
  CHECK(finalize_body(r, 0, pages, t, LinkContext{true, &rs}, &d).find("src=\"images/chapters/img/chart.png\"") !=
        std::string::npos);
}

TEST_CASE("raw HTML <img> of a project file is copied like a Markdown image", "[images]") {
  Project1 p;
  p.fs.put("proj/chapters/img/chart.png", png(640, 480));
  // Block and inline; a size the author wrote is kept; a missing file is an error and gets no src.
  RenderedPage r = p.render("# T\n\n<img src=\"img/chart.png\" alt=\"Chart\">\n\n"
                            "Inline <img src=\"img/chart.png\" alt=\"Small\" width=\"64\"> and "
                            "<img src=\"img/gone.png\" alt=\"Gone\"> <img src=\"https://example.org/x.png\">.\n");
  std::string html = r.body_html();
  CHECK(html.find("<img src=\"../images/chapters/img/chart.png\" alt=\"Chart\" width=\"640\" height=\"480\" "
                  "loading=\"lazy\">") != std::string::npos);
  CHECK(html.find("<img src=\"../images/chapters/img/chart.png\" alt=\"Small\" width=\"64\" loading=\"lazy\">") !=
        std::string::npos);
  CHECK(html.find("<img alt=\"Gone\" loading=\"lazy\">") != std::string::npos);
  CHECK(html.find("<img src=\"https://example.org/x.png\" loading=\"lazy\">") != std::string::npos);
  CHECK(r.image_deps == std::set<std::string>{"chapters/img/chart.png", "chapters/img/gone.png"});
  std::string d = diags_of(r);
  INFO(d);
  CHECK(d.find("proj/chapters/one.md:5:66: error: image 'img/gone.png' not found") != std::string::npos);
  CHECK(d.find("proj/chapters/one.md:5:97: warning: image without alt text") != std::string::npos);
  // The missing file is reported once, as an image, not again as a broken link.
  CHECK(r.links.size() == 1);
}
