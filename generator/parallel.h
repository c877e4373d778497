#pragma once
// A tiny fork-join loop: results go to slots indexed by i, so output order never depends on timing.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

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

/// Calls make(i) for every i in [0, n) in parallel and take(i, result) in order, each as soon as
/// result i and all before it are made (by whichever thread finished the one that completed the
/// sequence), so that long files are written as they are made instead of held whole in memory.
/// At most 32 results wait; no thread waits for a whole batch to finish.
template <typename T>
void for_each_in_order(size_t n, int jobs, const std::function<T(size_t)>& make,
                       const std::function<void(size_t, T&&)>& take) {
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) take(i, make(i));
    return;
  }
  constexpr size_t kWindow = 32;
  std::mutex mu;
  std::condition_variable advanced;
  std::vector<std::optional<T>> ready(kWindow);
  size_t next = 0;      // the next result to take
  bool taking = false;  // a thread is taking results
  parallel_for(n, jobs, [&](size_t i) {
    {
      std::unique_lock l(mu);
      advanced.wait(l, [&] { return i < next + kWindow; });
    }
    T made = make(i);
    std::unique_lock l(mu);
    ready[i % kWindow] = std::move(made);
    if (taking) return;  // that thread will take this one too
    taking = true;
    while (next < n && ready[next % kWindow]) {
      T value = std::move(*ready[next % kWindow]);
      ready[next % kWindow].reset();
      size_t k = next;
      l.unlock();
      take(k, std::move(value));
      l.lock();
      ++next;
      advanced.notify_all();
    }
    taking = false;
  });
}

}  // namespace annalist
