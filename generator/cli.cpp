#include "cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "mustache.h"
#include "pdf.h"
#include "scaffold.h"
#include "site_diff.h"
#include "serve.h"
#include "theme.h"

namespace annalist {

namespace {

void add_build_options(CLI::App* cmd, BuildOptions* o) {
  cmd->add_option("PROJECT_DIR", o->project_dir, "report project directory (holds report.yml)")->capture_default_str();
  cmd->add_option("--templates", o->templates_dir, "a theme directory overriding the built-in templates");
  cmd->add_option("-j,--jobs", o->jobs, "worker threads (default: one per core)");
  cmd->add_flag("-q,--quiet", o->quiet, "print only errors and warnings");
  cmd->add_flag("-v,--verbose", o->verbose, "print more about each stage");
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"annalist: turns a report project (report.yml, Markdown chapters, data files) into a static website"};
  app.set_version_flag("--version", std::string("annalist ") + ANNALIST_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'annalist COMMAND --help' for a command's options and examples.");

  BuildOptions build_opts;
  auto* build = app.add_subcommand("build", "Render a report project into a static site");
  add_build_options(build, &build_opts);
  build->add_option("-o,--out", build_opts.out_dir, "output directory (default: PROJECT_DIR/_site)");
  build->footer("Examples:\n  annalist build content -o site\n  annalist build . -j1 --templates mytheme");

  BuildOptions check_opts;
  std::string check_format = "text";
  auto* check = app.add_subcommand("check", "Validate a project without writing a site");
  add_build_options(check, &check_opts);
  check->add_option("--format", check_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  check->footer("Examples:\n  annalist check content\n  annalist check content --format json > diagnostics.json");

  BuildOptions serve_opts;
  std::string serve_host = "127.0.0.1";
  int serve_port = 8000;
  auto* serve = app.add_subcommand("serve", "Preview a project: build in memory, serve on loopback, rebuild on change");
  add_build_options(serve, &serve_opts);
  serve->add_option("--port", serve_port, "TCP port")->capture_default_str();
  serve->add_option("--host", serve_host, "address to bind (loopback unless told otherwise)")->capture_default_str();
  serve->footer("Examples:\n  annalist serve content\n  annalist serve . --port 9000");

  std::string diff_old, diff_new, diff_html;
  auto* diff = app.add_subcommand("diff", "Compare two built sites: changed pages, text and numbers");
  diff->add_option("OLD", diff_old, "the earlier site directory")->required();
  diff->add_option("NEW", diff_new, "the later site directory")->required();
  diff->add_option("--html", diff_html, "also write a self-contained review page");
  diff->footer("Examples:\n  annalist diff site-2022 site-2023\n  annalist diff old/ new/ --html review.html\n"
               "Exit status: 0 identical, 1 different, 2 usage error.");

  std::string new_dir, new_lang = "en";
  auto* scaffold = app.add_subcommand("new", "Create a small working report project to start from");
  scaffold->add_option("DIR", new_dir, "directory to create (must not exist or be empty)")->required();
  scaffold->add_option("--lang", new_lang, "en or zh-CN")->capture_default_str();
  scaffold->footer("Examples:\n  annalist new my-report && annalist serve my-report\n  annalist new 年报 --lang zh-CN");

  BuildOptions pdf_opts;
  std::string pdf_out = "report.pdf";
  auto* pdf = app.add_subcommand("pdf", "Print the whole report to PDF with headless Chromium");
  add_build_options(pdf, &pdf_opts);
  pdf->add_option("-o,--out", pdf_out, "the PDF file")->capture_default_str();
  pdf->footer("Example:\n  annalist pdf content -o report.pdf   (needs: apt-get install chromium)");

  std::string tmpl_file, tmpl_data, tmpl_partials;
  auto* tmpl = app.add_subcommand("template", "Render one Mustache template with JSON data (theme debugging)");
  tmpl->add_option("TEMPLATE_FILE", tmpl_file, "the template")->required();
  tmpl->add_option("--data", tmpl_data, "JSON data file")->required();
  tmpl->add_option("--partials", tmpl_partials, "directory of partials: {{>x}} is DIR/x.mustache");
  tmpl->footer("Example:\n  annalist template page.mustache --data page.json --partials templates");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? 0 : 2;
  }
  std::string theme = default_theme_dir(argc > 0 ? argv[0] : "annalist");
  if (build->parsed()) {
    build_opts.default_templates = theme;
    build_opts.progress = !build_opts.quiet && isatty(2);
    return run_build(build_opts, out, err);
  }
  if (check->parsed()) {
    check_opts.default_templates = theme;
    return run_check(check_opts, check_format, out, err);
  }
  if (serve->parsed()) {
    serve_opts.default_templates = theme;
    return run_serve(serve_opts, serve_host, serve_port, out, err);
  }
  if (diff->parsed()) return run_diff_command(diff_old, diff_new, diff_html, isatty(1), out, err);
  if (scaffold->parsed()) return run_new_command(new_dir, new_lang, out, err);
  if (pdf->parsed()) {
    pdf_opts.default_templates = theme;
    return run_pdf(pdf_opts, pdf_out, out, err);
  }
  if (tmpl->parsed()) return run_template_command(tmpl_file, tmpl_data, tmpl_partials, out, err);
  return 2;
}

}  // namespace annalist
