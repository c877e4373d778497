#include "cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <system_error>

#include "commands.h"
#include "terminal_text.h"
#include "theme.h"

namespace annalist {

namespace {

// Every option of every command, filled by the parser.
struct Args {
  BuildOptions build;                    ///< build, check, serve, pdf
  std::string theme;                     ///< the built-in theme directory (found beside the binary)
  std::string format = "text";           ///< check --format
  std::string host = "127.0.0.1";        ///< serve --host
  int port = 8000;                       ///< serve --port
  std::string old_dir, new_dir, html;    ///< diff OLD NEW --html
  std::string dir, lang = "en";          ///< new DIR --lang
  std::string pdf_out = "report.pdf";    ///< pdf -o
  std::string pdf_site;                  ///< pdf --site
  std::string tmpl_file, tmpl_data, tmpl_partials;  ///< template FILE --data --partials
  bool tmpl_spec = false;                            ///< template --spec
  std::string import_tool, import_src, import_out;   ///< import TOOL SRC OUT
};

void add_build_options(CLI::App* cmd, Args& a) {
  BuildOptions* o = &a.build;
  cmd->add_option("PROJECT_DIR", o->project_dir, "report project directory (holds report.yml)")->capture_default_str();
  cmd->add_option("--templates", o->templates_dir, "a theme directory overriding the built-in templates");
  cmd->add_option("-j,--jobs", o->jobs, "worker threads (default: one per core)");
  cmd->add_flag("-q,--quiet", o->quiet, "print only errors and warnings");
  cmd->add_flag("-v,--verbose", o->verbose, "print more about each stage");
}

void build_options(CLI::App* cmd, Args& a) {
  add_build_options(cmd, a);
  cmd->add_option("-o,--out", a.build.out_dir, "output directory (default: PROJECT_DIR/_site)");
  cmd->add_flag("--force", a.build.force, "build even when nothing changed since the last build");
  cmd->footer("Examples:\n  annalist build content -o site\n  annalist build . -j1 --templates mytheme");
}

void check_options(CLI::App* cmd, Args& a) {
  add_build_options(cmd, a);
  cmd->add_option("--format", a.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--changed-ids", a.build.changed_ids,
                "note every heading whose id differs from the one the rule before GitHub-style ids gave");
  cmd->add_flag("--origins", a.build.origins,
                "note where each data set's numbers came from (the catalog's origin, never shown to readers)");
  cmd->footer("Examples:\n  annalist check content\n  annalist check content --format json > diagnostics.json\n"
              "  annalist check content --changed-ids\n  annalist check content --origins --format json");
}

void serve_options(CLI::App* cmd, Args& a) {
  add_build_options(cmd, a);
  cmd->add_option("--port", a.port, "TCP port")->capture_default_str();
  cmd->add_option("--host", a.host, "address to bind (loopback unless told otherwise)")->capture_default_str();
  cmd->footer("Examples:\n  annalist serve content\n  annalist serve . --port 9000");
}

void diff_options(CLI::App* cmd, Args& a) {
  cmd->add_option("OLD", a.old_dir, "the earlier site directory")->required();
  cmd->add_option("NEW", a.new_dir, "the later site directory")->required();
  cmd->add_option("--html", a.html, "also write a self-contained review page");
  cmd->footer("Examples:\n  annalist diff site-2022 site-2023\n  annalist diff old/ new/ --html review.html\n"
              "Exit status: 0 identical, 1 different, 2 usage error.");
}

void new_options(CLI::App* cmd, Args& a) {
  cmd->add_option("DIR", a.dir, "directory to create (must not exist or be empty)")->required();
  cmd->add_option("--lang", a.lang, "en or zh-CN")->capture_default_str();
  cmd->footer("Examples:\n  annalist new my-report && annalist serve my-report\n  annalist new 年报 --lang zh-CN");
}

void pdf_options(CLI::App* cmd, Args& a) {
  add_build_options(cmd, a);
  cmd->add_option("-o,--out", a.pdf_out, "the PDF file")->capture_default_str();
  cmd->add_option("--site", a.pdf_site, "print a site built before (its print.html) instead of building the project");
  cmd->footer("Examples (need: apt-get install chromium poppler-utils):\n  annalist pdf content -o report.pdf\n  annalist pdf --site site -o report.pdf");
}

void template_options(CLI::App* cmd, Args& a) {
  cmd->add_option("TEMPLATE_FILE", a.tmpl_file, "the template")->required();
  cmd->add_option("--data", a.tmpl_data, "JSON data file")->required();
  cmd->add_option("--partials", a.tmpl_partials, "directory of partials: {{>x}} is DIR/x.mustache");
  cmd->add_flag("--spec", a.tmpl_spec, "follow the Mustache spec exactly: a missing partial is \"\", not an error");
  cmd->footer("Example:\n  annalist template page.mustache --data page.json --partials templates");
}

void import_options(CLI::App* cmd, Args& a) {
  cmd->add_option("TOOL", a.import_tool, "the tool the book was written for")->required()->check(CLI::IsMember({"mdbook", "quarto"}));
  cmd->add_option("SRC", a.import_src, "the book's directory (mdbook: holds book.toml and src/SUMMARY.md; quarto: _quarto.yml)")->required();
  cmd->add_option("OUT", a.import_out, "the new project's directory (must not exist or be empty)")->required();
  cmd->footer("Examples:\n  annalist import mdbook ~/books/trpl my-book && annalist build my-book\n  annalist import quarto ~/r4ds r4ds");
}

using Out = std::ostream;

int build_command(Args& a, Out& out, Out& err) {
  a.build.progress = !a.build.quiet && isatty(2);
  return run_build(a.build, out, err);
}
int check_command(Args& a, Out& out, Out& err) { return run_check(a.build, a.format, out, err); }
int serve_command(Args& a, Out& out, Out& err) { return run_serve(a.build, a.host, a.port, out, err); }
int diff_command(Args& a, Out& out, Out& err) {
  return run_diff_command(a.old_dir, a.new_dir, a.html, isatty(1), out, err);
}
int new_command(Args& a, Out& out, Out& err) { return run_new_command(a.dir, a.lang, a.theme, out, err); }
int import_command(Args& a, Out& out, Out& err) {
  return run_import_command(a.import_tool, a.import_src, a.import_out, out, err);
}
int pdf_command(Args& a, Out& out, Out& err) { return run_pdf(a.build, a.pdf_out, out, err, a.pdf_site); }
int template_command(Args& a, Out& out, Out& err) {
  return run_template_command(a.tmpl_file, a.tmpl_data, a.tmpl_partials, a.tmpl_spec, out, err);
}

// One subcommand: its name, what it does, its options and what runs it.
struct Command {
  const char* name;
  const char* summary;
  void (*options)(CLI::App*, Args&);
  int (*run)(Args&, Out&, Out&);
};

const Command kCommands[] = {
    {"build", "Render a report project into a static site", build_options, build_command},
    {"check", "Validate a project without writing a site", check_options, check_command},
    {"serve", "Preview a project: build in memory, serve on loopback, rebuild on change", serve_options,
     serve_command},
    {"diff", "Compare two built sites: changed pages, text and numbers", diff_options, diff_command},
    {"new", "Create a small working report project to start from", new_options, new_command},
    {"import", "Make a project from a book written for another tool (mdBook, Quarto)", import_options, import_command},
    {"pdf", "Print the whole report to PDF with headless Chromium", pdf_options, pdf_command},
    {"template", "Render one Mustache template with JSON data (theme debugging)", template_options,
     template_command},
};

// Runs one command. A file system error no command handled (a missing $TMPDIR, a path the system
// refuses) is reported here, once for all commands, as an environment error: exit 2, never an abort.
int run_command(const Command& c, Args& args, Out& out, Out& err) {
  try {
    return c.run(args, out, err);
  } catch (const std::system_error& e) {  // std::filesystem::filesystem_error among them
    out.flush();
    err << "annalist " << c.name << ": " << escape_controls(e.what())
        << "\n  hint: check the paths given, free space and permissions\n";
    return 2;
  }
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"annalist: turns a report project (report.yml, Markdown chapters, data files) into a static website"};
  app.set_version_flag("--version", std::string("annalist ") + ANNALIST_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'annalist COMMAND --help' for a command's options and examples.");
  Args args;
  std::vector<CLI::App*> subs;
  for (const Command& c : kCommands) {
    subs.push_back(app.add_subcommand(c.name, c.summary));
    c.options(subs.back(), args);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? 0 : 2;
  }
  args.theme = default_theme_dir(argc > 0 ? argv[0] : "annalist");
  args.build.default_templates = args.theme;
  for (size_t k = 0; k < subs.size(); ++k)
    if (subs[k]->parsed()) return run_command(kCommands[k], args, out, err);
  return 2;
}

}  // namespace annalist
