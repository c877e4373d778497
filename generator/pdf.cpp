#include "pdf.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "commands.h"
#include "text.h"

namespace annalist {
namespace stdfs = std::filesystem;

std::string find_chromium() {
  const char* path = std::getenv("PATH");
  for (const auto& dir : split(path ? path : "/usr/bin:/bin", ':')) {
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      stdfs::path p = stdfs::path(dir) / name;
      if (access(p.c_str(), X_OK) == 0) return p.string();
    }
  }
  return {};
}

int run_pdf(const BuildOptions& opts_in, const std::string& pdf_out, std::ostream& out, std::ostream& err) {
  std::string chromium = find_chromium();
  if (chromium.empty()) {
    err << "annalist pdf: Chromium was not found\n  hint: install it with: apt-get install chromium\n";
    return 1;
  }
  stdfs::path tmp = stdfs::temp_directory_path() / ("annalist-pdf-" + std::to_string(getpid()));
  std::error_code ec;
  stdfs::remove_all(tmp, ec);
  BuildOptions opts = opts_in;
  opts.out_dir = (tmp / "site").string();
  opts.quiet = true;
  int rc = run_build(opts, out, err);
  if (rc != 0) {
    stdfs::remove_all(tmp, ec);
    return rc;
  }
  std::string pdf = stdfs::absolute(pdf_out).string();
  std::string url = "file://" + stdfs::absolute(tmp / "site/print.html").string();
  pid_t pid = fork();
  if (pid == 0) {
    std::string profile = "--user-data-dir=" + (tmp / "profile").string();
    std::string print = "--print-to-pdf=" + pdf;
    execl(chromium.c_str(), chromium.c_str(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", profile.c_str(), print.c_str(),
          url.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  stdfs::remove_all(tmp, ec);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !stdfs::exists(pdf)) {
    err << "annalist pdf: Chromium could not print the report\n";
    return 1;
  }
  if (!opts_in.quiet) out << "wrote " << pdf_out << " (" << stdfs::file_size(pdf) / 1024 << " KiB)\n";
  return 0;
}

}  // namespace annalist
