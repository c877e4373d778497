#include "pdf.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "pdf_info.h"
#include "pdf_outline.h"
#include "pdf_pages.h"
#include "text.h"

namespace annalist {
namespace stdfs = std::filesystem;
namespace {

// Runs argv, its stdout appended to out_file and its stderr to err_file; true when it exits 0.
bool run(const std::vector<std::string>& argv, const std::string& out_file, const std::string& err_file) {
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (out >= 0) dup2(out, STDOUT_FILENO);
    if (err >= 0) dup2(err, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write_all(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  return out.good();
}

bool chromium_print(const PdfJob& job, const std::string& html, const std::string& pdf, const std::string& log) {
  std::error_code ec;
  stdfs::remove(pdf, ec);
  std::vector<std::string> argv = {
      job.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
      "--run-all-compositor-stages-before-draw", "--generate-pdf-document-outline",
      "--user-data-dir=" + (stdfs::path(job.work_dir) / "profile").string(),
      "--print-to-pdf=" + stdfs::absolute(pdf).string(),
      "file://" + url_path_encode(stdfs::absolute(html).string())};
  return run(argv, log, log) && stdfs::is_regular_file(pdf, ec);
}

AnchorPages anchor_pages(const PdfJob& job, const std::string& pdf, const std::string& log) {
  std::string dests = (stdfs::path(job.work_dir) / "dests.txt").string();
  std::error_code ec;
  stdfs::remove(dests, ec);
  if (!run({job.pdfinfo, "-dests", pdf}, dests, log)) return {};
  return parse_pdfinfo_dests(read_all(dests));
}

}  // namespace

std::string find_program(std::initializer_list<const char*> names) {
  const char* path = std::getenv("PATH");
  for (const auto& dir : split(path ? path : "/usr/bin:/bin", ':')) {
    for (const char* name : names) {
      stdfs::path p = stdfs::path(dir) / name;
      if (access(p.c_str(), X_OK) == 0) return p.string();
    }
  }
  return {};
}

std::string find_chromium() { return find_program({"chromium", "chromium-browser", "google-chrome"}); }

bool print_site_pdf(const PdfJob& job, std::string* output) {
  std::error_code ec;
  stdfs::create_directories(job.work_dir, ec);
  const std::string log = (stdfs::path(job.work_dir) / "chromium-output.txt").string();
  const std::string pass_pdf = (stdfs::path(job.work_dir) / "pass.pdf").string();
  // The page printed sits next to print.html so that its links and assets resolve alike.
  const std::string page = (stdfs::path(job.site_dir) / ".annalist-pdf-print.html").string();
  std::string html = read_all((stdfs::path(job.site_dir) / "print.html").string());
  PrintMeta meta = read_print_meta(html);
  AnchorPages pages;
  bool ok = !html.empty();
  // Pass 0 has placeholders as wide as the numbers; each later pass the pages the one before
  // found, until they no longer move (or pdfinfo finds none: then a plain print).
  for (int pass = 0; ok && pass < 4; ++pass) {
    bool numbers = !job.pdfinfo.empty() && (pass == 0 || !pages.empty());
    ok = write_all(page, numbers ? with_style(html, page_number_css(pages, meta.page_ref)) : html) &&
         chromium_print(job, page, pass_pdf, log);
    if (!ok || !numbers) break;
    AnchorPages found = anchor_pages(job, pass_pdf, log);
    if (pass > 0 && found == pages) break;
    pages = std::move(found);
  }
  stdfs::remove(page, ec);
  *output = read_all(log);
  if (!ok) return false;
  std::string pdf = read_all(pass_pdf);
  repair_outline_titles(pdf);
  set_pdf_info(pdf, {meta.title, meta.author});  // a PDF it cannot extend keeps Chromium's title
  return write_all(job.pdf_file, pdf);
}

}  // namespace annalist
