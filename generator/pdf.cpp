#include "pdf.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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
               const std::string& profile_dir, std::string* output) {
  std::error_code ec;
  stdfs::create_directories(profile_dir, ec);
  const std::string log = (stdfs::path(profile_dir) / "chromium-output.txt").string();
  std::string pdf = stdfs::absolute(pdf_file).string();
  std::string url = "file://" + stdfs::absolute(html_file).string();
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
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
  std::ifstream in(log, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  *output = text.str();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && stdfs::is_regular_file(pdf, ec);
}

}  // namespace annalist
