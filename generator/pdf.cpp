#include "pdf.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

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

bool print_pdf(const std::string& chromium, const std::string& html_file, const std::string& pdf_file,
               const std::string& profile_dir) {
  std::string pdf = stdfs::absolute(pdf_file).string();
  std::string url = "file://" + stdfs::absolute(html_file).string();
  pid_t pid = fork();
  if (pid == 0) {
    std::string profile = "--user-data-dir=" + profile_dir;
    std::string print = "--print-to-pdf=" + pdf;
    execl(chromium.c_str(), chromium.c_str(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", profile.c_str(), print.c_str(),
          url.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::error_code ec;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && stdfs::exists(pdf, ec);
}

}  // namespace annalist
