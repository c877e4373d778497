#pragma once
// A tiny fork-join loop: results go to slots indexed by i, so output order never depends on timing.
#include <functional>
#include <thread>

namespace annalist {

/// The default number of worker threads (the machine's cores, at least 1).
inline int default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

/// Calls fn(i) for every i in [0, n) on up to jobs threads: the caller and workers of one
/// process-wide pool, started once (a build runs a hundred loops: new threads for each would
/// cost their start-up and leave each its own allocator heap). A loop started from inside
/// another one, or while another thread's loop runs, runs on the calling thread alone.
void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn);

}  // namespace annalist
