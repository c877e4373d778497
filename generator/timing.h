#pragma once
// Stage timings a library stage returns, for the driver to print with -v.
#include <chrono>
#include <string>
#include <vector>

namespace annalist {

/// One finished stage: its name, the time since the clock started and the memory in use then.
struct StageTime {
  std::string name;   ///< e.g. "load: pages", "page bodies"
  double ms = 0;      ///< milliseconds since the clock started
  size_t rss_mib = 0; ///< resident memory of the process, MiB
};

/// Stage times in the order the stages ended.
using StageTimes = std::vector<StageTime>;

/// Records stage times into a list (which may be null: then it records nothing).
class StageClock {
 public:
  /// Starts the clock; marks go to *out when out is not null.
  explicit StageClock(StageTimes* out) : out_(out), t0_(std::chrono::steady_clock::now()) {}
  /// Records that stage name ended now.
  void mark(const char* name);
  /// Milliseconds since the clock started.
  double ms() const;

 private:
  StageTimes* out_;
  std::chrono::steady_clock::time_point t0_;
};

/// The process's resident memory now, MiB.
size_t rss_mib();

/// The times as lines "<indent>name   12.3 ms    45 MiB", name padded to width.
std::string format_stage_times(const StageTimes& times, int indent, int width);

}  // namespace annalist
