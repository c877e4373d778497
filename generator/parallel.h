#pragma once
// A tiny fork-join loop: results go to slots indexed by i, so output order never depends on timing.
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace annalist {

/// The default number of worker threads (the machine's cores, at least 1).
inline int default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

/// Calls fn(i) for every i in [0, n) on up to jobs threads.
inline void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn) {
  if (jobs <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs && static_cast<size_t>(j) < n; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

}  // namespace annalist
