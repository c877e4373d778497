#include "timing.h"

#include <unistd.h>

#include <cstdio>

namespace annalist {

void StageClock::mark(const char* name) {
  if (out_) out_->push_back({name, ms(), rss_mib()});
}

double StageClock::ms() const {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0_).count();
}

size_t rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE)) >> 20;
}

std::string format_stage_times(const StageTimes& times, int indent, int width) {
  std::string s;
  for (const auto& t : times) {
    char line[256];
    std::snprintf(line, sizeof line, "%*s%-*s %7.1f ms %6zu MiB\n", indent, "", width, t.name.c_str(), t.ms,
                  t.rss_mib);
    s += line;
  }
  return s;
}

}  // namespace annalist
