#include "commands.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>

#include "incremental.h"
#include "load.h"
#include "render.h"
#include "site_check.h"
#include "site_writer.h"

namespace annalist {

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
  bool writing = loaded && writer.begin(opts.out_dir, opts.project_dir, diags);
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
  if (!writer.commit(marker, diags)) {
    print_diagnostics(diags, err, colour);
    return 1;
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

}  // namespace

int run_build(const BuildOptions& opts_in, std::ostream& out, std::ostream& err) {
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
  std::string marker = "annalist-site " + project_fingerprint(*project, opts) + "\n";
  if (loaded && read_site_marker(opts.out_dir) == marker) {
    remove_stale_output(opts.out_dir);  // a build killed after its swap leaves the old site beside it
    print_diagnostics(diags, err, colour);
    if (!opts.quiet)
      out << "up to date: " << opts.out_dir << " (" << project->pages.size() << " pages, "
          << static_cast<int>(clock.ms()) << " ms)\n";
    return 0;
  }
  return render_and_write(std::move(project), loaded, opts, marker, clock, diags, out, err);
}

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

}  // namespace annalist
