#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace annalist {

namespace {

thread_local bool t_in_loop = false;  // this thread is running a loop's fn (caller or worker)

class Pool {
 public:
  // Runs the loop with up to `helpers` workers; false when the pool is busy with another loop.
  bool run(size_t n, int helpers, const std::function<void(size_t)>& fn) {
    std::unique_lock busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    {
      std::lock_guard l(mu_);
      while (static_cast<int>(threads_.size()) < helpers)
        threads_.emplace_back([this, k = static_cast<int>(threads_.size())] { work(k); });
      fn_ = &fn;
      n_ = n;
      next_ = 0;
      wanted_ = helpers;
      running_ = helpers;
      ++generation_;
    }
    wake_.notify_all();
    drain();
    std::unique_lock l(mu_);
    done_.wait(l, [&] { return running_ == 0; });
    fn_ = nullptr;
    return true;
  }

 private:
  void drain() {
    t_in_loop = true;
    for (size_t i = next_++; i < n_; i = next_++) (*fn_)(i);
    t_in_loop = false;
  }

  void work(int k) {
    uint64_t seen = 0;
    std::unique_lock l(mu_);
    while (true) {
      wake_.wait(l, [&] { return generation_ != seen; });
      seen = generation_;
      if (k >= wanted_) continue;
      l.unlock();
      drain();
      l.lock();
      if (--running_ == 0) done_.notify_all();
    }
  }

  std::mutex busy_;  // held by the thread whose loop the pool runs
  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  const std::function<void(size_t)>* fn_ = nullptr;
  size_t n_ = 0;
  std::atomic<size_t> next_{0};
  int wanted_ = 0, running_ = 0;
  uint64_t generation_ = 0;
};

}  // namespace

void parallel_for(size_t n, int jobs, const std::function<void(size_t)>& fn) {
  if (jobs > 1 && n > 1 && !t_in_loop) {
    // Never destroyed: its workers wait until the process ends, so no loop can outlive the pool.
    static Pool& pool = *new Pool;
    int helpers = static_cast<int>(std::min<size_t>(static_cast<size_t>(jobs), n)) - 1;
    if (pool.run(n, helpers, fn)) return;
  }
  for (size_t i = 0; i < n; ++i) fn(i);
}

}  // namespace annalist
