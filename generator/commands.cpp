#include "commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "import.h"
#include "incremental.h"
#include "load.h"
#include "mustache.h"
#include "output_safety.h"
#include "pdf.h"
#include "render.h"
#include "scaffold.h"
#include "serve.h"
#include "site_check.h"
#include "site_diff.h"
#include "site_writer.h"
#include "terminal_text.h"
#include "text.h"

namespace annalist {

namespace stdfs = std::filesystem;

namespace {

// Stage times for -v, on stderr.
void print_times(const StageTimes& times, int indent, int width) {
  std::fputs(format_stage_times(times, indent, width).c_str(), stderr);
}

// "rendering pages k/n" on a terminal, cleared when done.
std::function<void(size_t, size_t)> progress_printer() {
  auto mu = std::make_shared<std::mutex>();
  return [mu](size_t done, size_t total) {
    std::lock_guard l(*mu);
    std::fprintf(stderr, "\r  rendering pages %zu/%zu", done, total);
    if (done == total) std::fprintf(stderr, "\r\033[K");
  };
}

void print_failure(const Diagnostics& diags, const BuildOptions& opts, std::ostream& err) {
  err << "build failed: " << diags.error_count() << " error(s); " << opts.out_dir << " left unchanged\n";
}

// Renders into a staging directory and swaps it in when nothing failed; the exit code.
int render_and_write(std::shared_ptr<Project> project, bool loaded, const BuildOptions& opts,
                     const std::string& marker, const StageClock& clock, Diagnostics& diags, std::ostream& out,
                     std::ostream& err) {
  bool colour = isatty(2);
  SiteWriter writer;
  bool writing = loaded && writer.begin(opts.out_dir, project_inputs(*project, opts), diags);
  if (loaded && !writing) {
    print_diagnostics(diags, err, colour);
    return 2;
  }
  RenderOutput output;
  output.files = [&](const std::string& path, std::string&& bytes) {
    if (writing) writer.write(path, std::move(bytes));
  };
  output.pieces = [&](const std::string& path, std::string&& piece, bool last) {
    if (writing) writer.write_piece(path, std::move(piece), last);
  };
  if (opts.progress) output.progress = progress_printer();
  RenderStats stats;
  bool ok = render_site(std::move(project), opts, output, &stats, diags) && loaded;
  if (opts.verbose) print_times(stats.times, 2, 28);
  print_diagnostics(diags, err, colour);
  if (!ok || diags.has_errors()) {
    writer.abort();
    print_failure(diags, opts, err);
    return 1;
  }
  if (!writer.commit(marker + image_marker_lines(stats.images), diags)) {  // the disk is full or the output cannot be written
    print_diagnostics(diags, err, colour);
    return 2;
  }
  if (opts.verbose || !opts.quiet) {
    out << "built " << stats.pages << " pages (" << writer.files_written() << " files, "
        << (writer.bytes_written() + 512) / 1024 << " KiB) in " << static_cast<int>(clock.ms()) << " ms -> "
        << opts.out_dir;
    if (diags.warning_count()) out << ", " << diags.warning_count() << " warning(s)";
    out << "\n";
  }
  return 0;
}

// False (with the error in diags) when the build may not write its output: the site directory,
// and *pdf_file when given.
bool output_allowed(const Project& project, const BuildOptions& opts, const std::string* pdf_file, Diagnostics& diags) {
  InputPaths inputs = project_inputs(project, opts);
  OutputProblem p = check_site_output(opts.out_dir, inputs);
  std::string where = opts.out_dir;
  if (p.why.empty() && pdf_file) {
    p = check_pdf_output(*pdf_file, inputs);
    where = *pdf_file;
  }
  if (!p.why.empty()) diags.error({where, 0, 0}, p.why, p.hint);
  return p.why.empty();
}

// `build`, and the build of `pdf` (*pdf_file: its output, checked before anything is built).
int build_site(const BuildOptions& opts_in, const std::string* pdf_file, std::ostream& out, std::ostream& err) {
  StageClock clock(nullptr);
  BuildOptions opts = opts_in;
  if (opts.out_dir.empty()) opts.out_dir = path_join(opts.project_dir, "_site");
  bool colour = isatty(2);
  RealFileSystem fs;
  Diagnostics diags;
  auto project = std::make_shared<Project>();
  StageTimes load_times;
  bool loaded = load_project(opts, fs, project.get(), diags, nullptr, &load_times);
  if (opts.verbose) {
    print_times(load_times, 4, 26);
    print_times({{"load", clock.ms(), rss_mib()}}, 2, 28);
  }
  if (!loaded && project->pages.empty()) {
    print_diagnostics(diags, err, colour);
    print_failure(diags, opts, err);
    return 1;
  }
  if (loaded && !output_allowed(*project, opts, pdf_file, diags)) {  // input errors come first
    print_diagnostics(diags, err, colour);
    return 2;
  }
  std::string marker = "annalist-site " + project_fingerprint(*project, opts) + "\n";
  // Up to date: the inputs are those of the last build and its files are all still there.
  if (loaded && !opts.force && marker_is_current(read_site_marker(opts.out_dir), marker, *project) &&
      site_is_intact(opts.out_dir, marker)) {
    remove_stale_output(opts.out_dir);  // a build killed after its swap leaves the old site beside it
    print_diagnostics(diags, err, colour);
    if (!opts.quiet)
      out << "up to date: " << opts.out_dir << " (" << project->pages.size() << " pages, "
          << static_cast<int>(clock.ms()) << " ms)\n";
    return 0;
  }
  return render_and_write(std::move(project), loaded, opts, marker, clock, diags, out, err);
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) { return build_site(opts, nullptr, out, err); }

int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err) {
  RealFileSystem fs;
  Diagnostics diags;
  auto project = std::make_shared<Project>();
  bool loaded = load_project(opts, fs, project.get(), diags);
  if (loaded || !project->pages.empty()) check_site(project, opts, diags);
  if (format == "json") out << diagnostics_json(diags) << "\n";
  else {
    print_diagnostics(diags, out, isatty(1));
    out << (diags.has_errors() ? "check failed: " : "check passed: ") << diags.error_count() << " error(s), "
        << diags.warning_count() << " warning(s)\n";
  }
  (void)err;
  return diags.has_errors() ? 1 : 0;
}

int run_serve(const BuildOptions& opts_in, const std::string& host, int port, std::ostream& out, std::ostream& err) {
  BuildOptions opts = opts_in;
  opts.live_reload = live_reload_script();
  opts.progress = false;
  std::error_code ec;
  if (!stdfs::is_directory(opts.project_dir, ec)) {  // nothing to watch: a typo, not a project yet
    err << "annalist serve: '" << escape_controls(opts.project_dir) << "' is not a directory\n"
        << "  hint: give a report project's folder, or create one with: annalist new DIR\n";
    return 2;
  }
  LiveSite site(opts);
  StageTimes times;
  if (!site.rebuild(&times))
    err << site.last_diagnostics() << "serve: the build failed; fix the errors, the server rebuilds on change\n";
  else if (!site.last_diagnostics().empty())
    err << site.last_diagnostics();
  if (opts.verbose) print_times(times, 2, 28);
  std::vector<std::string> roots = {opts.project_dir, opts.default_templates};
  if (!opts.templates_dir.empty()) roots.push_back(opts.templates_dir);
  ServeHooks hooks;
  hooks.listening = [&] {
    out << "serving " << opts.project_dir << " at http://" << host << ":" << port << "/ (Ctrl-C to stop)" << std::endl;
  };
  hooks.rebuilt = [&](bool ok, double ms, const StageTimes& stages) {
    if (opts.verbose) print_times(stages, 2, 28);
    if (ok) {
      err << site.last_diagnostics() << std::flush;  // the warnings of this build, as a build prints them
      if (!opts.quiet) out << "rebuilt in " << static_cast<int>(ms) << " ms" << std::endl;
    } else {
      err << site.last_diagnostics()
          << (site.has_site() ? "rebuild failed; still serving the last good site"
                              : "rebuild failed; there is no good build to serve yet")
          << std::endl;
    }
  };
  if (!serve_live_site(site, host, port, roots, hooks)) {
    err << "serve: cannot listen on " << host << ":" << port << " (in use?)\n";
    return 2;
  }
  return 0;
}

namespace {

// Prints site_dir's print.html to pdf_out, scratch files in work_dir: 0, or 2 with the reason.
int print_site(const std::string& site_dir, const std::string& pdf_out, const stdfs::path& work_dir, std::ostream& err) {
  PdfJob job{find_chromium(), find_program({"pdfinfo"}), site_dir, pdf_out, work_dir.string()};
  if (job.chromium.empty()) {
    err << "annalist pdf: Chromium was not found\n  hint: install it with: apt-get install chromium\n";
    return 2;
  }
  if (job.pdfinfo.empty())
    err << "annalist pdf: note: pdfinfo was not found, so the contents and cross-references have no page numbers\n"
           "  hint: install it with: apt-get install poppler-utils\n";
  std::string chromium_output;  // shown only when printing fails
  if (!print_site_pdf(job, &chromium_output)) {
    err << "annalist pdf: Chromium could not print the report to " << pdf_out << "\n";
    if (!chromium_output.empty()) err << "Chromium said:\n" << chromium_output;
    return 2;
  }
  return 0;
}

// `pdf --site SITE`: a site built before; the PDF may not go inside it.
int check_built_site(const std::string& site_dir, const std::string& pdf_out, std::ostream& err) {
  std::error_code ec;
  if (!stdfs::is_regular_file(stdfs::path(site_dir) / "print.html", ec)) {
    err << "annalist pdf: " << site_dir << " has no print.html\n  hint: give a site built by `annalist build`\n";
    return 2;
  }
  InputPaths inputs(site_dir);
  inputs.dirs.push_back(site_dir);
  OutputProblem p = check_pdf_output(pdf_out, inputs);
  if (p.why.empty()) return 0;
  err << pdf_out << ": error: " << p.why << "\n";
  if (!p.hint.empty()) err << "  hint: " << p.hint << "\n";
  return 2;
}

}  // namespace

int run_pdf(const BuildOptions& opts_in, const std::string& pdf_out, std::ostream& out, std::ostream& err,
            const std::string& site_dir) {
  stdfs::path tmp = stdfs::temp_directory_path() / ("annalist-pdf-" + std::to_string(getpid()));
  std::error_code ec;
  stdfs::remove_all(tmp, ec);
  int rc = 0;
  if (site_dir.empty()) {
    BuildOptions opts = opts_in;
    opts.out_dir = (tmp / "site").string();
    opts.quiet = true;
    rc = build_site(opts, &pdf_out, out, err);
  } else {
    rc = check_built_site(site_dir, pdf_out, err);
  }
  if (rc == 0) rc = print_site(site_dir.empty() ? (tmp / "site").string() : site_dir, pdf_out, tmp / "print", err);
  stdfs::remove_all(tmp, ec);
  auto size = stdfs::file_size(pdf_out, ec);
  if (rc == 0 && !opts_in.quiet) out << "wrote " << pdf_out << " (" << (ec ? 0 : size / 1024) << " KiB)\n";
  return rc;
}

int run_import_command(const std::string& tool, const std::string& src, const std::string& out_dir,
                       std::ostream& out, std::ostream& err) {
  RealFileSystem fs;
  DirState target = fs.dir_state(out_dir);
  if (target == DirState::kNotEmpty || target == DirState::kNotDirectory) {
    err << "annalist import: '" << out_dir << "' " << (target == DirState::kNotEmpty ? "is not empty" : "is not a directory")
        << "; nothing was written\n  hint: give a new directory for the project\n";
    return 1;
  }
  Diagnostics diags;
  auto files = tool == "quarto" ? import_quarto(src, fs, diags) : import_mdbook(src, fs, diags);
  print_diagnostics(diags, err, isatty(2));
  if (diags.has_errors()) {
    err << "annalist import: " << diags.error_count() << " error(s); nothing was written\n";
    return 1;
  }
  std::string failed, why;
  if (!write_scaffold(fs, out_dir, files, &failed, &why)) {
    err << "annalist import: cannot create '" << failed << "': " << why << "\n";
    return 1;
  }
  size_t pages = 0;
  for (const auto& f : files) pages += f.path.size() > 3 && f.path.compare(f.path.size() - 3, 3, ".md") == 0;
  out << "Imported " << pages << " pages (" << files.size() << " files) from " << tool << " into " << out_dir << "\n"
      << "Next:\n  annalist build " << out_dir << "\n  annalist serve " << out_dir << "\n";
  return 0;
}

int run_new_command(const std::string& dir, const std::string& lang, const std::string& templates_dir,
                    std::ostream& out, std::ostream& err) {
  if (!scaffold_language_supported(lang)) {
    err << "annalist new: unknown language '" << lang << "'\n  hint: use --lang en or --lang zh-CN\n";
    return 2;
  }
  if (dir.empty()) {
    err << "annalist new: no directory given\n  hint: annalist new my-report\n";
    return 2;
  }
  RealFileSystem fs;
  DirState target = fs.dir_state(dir);
  if (target == DirState::kNotDirectory) {
    err << "annalist new: '" << dir << "' exists and is not a directory\n"
        << "  hint: choose a new directory name\n";
    return 1;
  }
  if (target == DirState::kNotEmpty) {
    err << "annalist new: '" << dir << "' is not empty; nothing was written\n"
        << "  hint: choose a new directory name, or an empty directory\n";
    return 1;
  }
  Diagnostics diags;
  auto files = scaffold_files(templates_dir, lang, fs, diags);
  if (diags.has_errors()) {
    print_diagnostics(diags, err);
    return 1;
  }
  std::string failed, why;
  if (!write_scaffold(fs, dir, files, &failed, &why)) {
    err << "annalist new: cannot create '" << failed << "': " << why << "\n";
    return 1;
  }
  out << "Created a new report project in " << dir << ":\n";
  for (const auto& f : files) out << "  " << f.path << "\n";
  out << "Next:\n"
      << "  annalist build " << dir << "    # writes " << (stdfs::path(dir) / "_site").generic_string()
      << "/index.html\n"
      << "  annalist serve " << dir << "    # preview, rebuilt on every change\n"
      << "The numbers in data/sales.csv are made up: replace them with your own.\n";
  return 0;
}

int run_diff_command(const std::string& old_dir, const std::string& new_dir, const std::string& html_out,
                     bool colour, std::ostream& out, std::ostream& err) {
  bool bad = false;
  for (const std::string* dir : {&old_dir, &new_dir}) {
    std::error_code ec;
    if (dir->empty() || !stdfs::is_directory(*dir, ec)) {
      err << "annalist diff: '" << escape_controls(*dir) << "' is not a directory\n"
          << "  hint: give two built sites, e.g. annalist diff site-2021 site-2022\n";
      bad = true;
    }
  }
  if (bad) return 2;
  RealFileSystem fs;
  SiteDiff d = diff_sites(fs, old_dir, new_dir);
  if (!html_out.empty()) {
    std::string why;
    if (!fs.replace_file(html_out, format_diff_html(d, old_dir, new_dir), &why)) {
      err << "annalist diff: cannot write '" << escape_controls(html_out) << "': " << why << "\n";
      return 2;
    }
    out << format_diff_text(d, old_dir, new_dir, colour, false);
    out << "wrote " << escape_controls(html_out) << "\n";
  } else {
    out << format_diff_text(d, old_dir, new_dir, colour, true);
  }
  return d.identical() ? 0 : 1;
}

namespace {

// A file's bytes as the user named it (a pipe such as /dev/stdin too).
std::optional<std::string> read_user_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

// The data file as JSON; an error at its line and column when it is not JSON.
std::optional<nlohmann::json> read_json_data(const std::string& data_file, Diagnostics& diags) {
  auto text = read_user_file(data_file);
  if (!text) {
    diags.error({data_file, 0, 0}, "cannot read the data file", "check the path");
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {
    SourcePos p{data_file, 0, 0};
    line_col(*text, e.byte > 0 ? e.byte - 1 : 0, &p.line, &p.col);
    std::string what = e.what();
    size_t c = what.find("column");
    if (c != std::string::npos && (c = what.find(": ", c)) != std::string::npos) what = what.substr(c + 2);
    diags.error(p, "invalid JSON: " + what, "the data file must be one JSON value");
  }
  return std::nullopt;
}

}  // namespace

int run_template_command(const std::string& template_file, const std::string& data_file,
                         const std::string& partials_dir, bool spec, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::string result;
  try {
    auto source = read_user_file(template_file);
    if (!source) diags.error({template_file, 0, 0}, "cannot read the template file", "check the path");
    auto data = read_json_data(data_file, diags);
    std::string dir = partials_dir;
    MustacheSet set([dir](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
      if (dir.empty() || name.empty() || name[0] == '/' || name.find("..") != std::string::npos) return std::nullopt;
      std::string path = dir + (dir.back() == '/' ? "" : "/") + name + ".mustache";
      auto text = read_user_file(path);
      if (!text) return std::nullopt;
      return std::make_pair(std::move(*text), path);
    }, MustacheLimits{}, spec ? MustacheMode::kSpec : MustacheMode::kStrict);
    if (source) {
      auto t = compile_mustache(*source, template_file, diags);
      if (t && data) set.render(*t, *data, result, diags);
    }
  } catch (const std::exception& e) {
    diags.error({}, std::string("internal error: ") + e.what());
  }
  out << result;
  out.flush();
  print_diagnostics(diags, err);
  return diags.has_errors() ? 1 : 0;
}

}  // namespace annalist
