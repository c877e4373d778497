#include "http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace annalist {

namespace {

using Clock = std::chrono::steady_clock;

// A connection's socket as httplib reads and writes it, with reads bounded by the deadline of
// the request being read. Reads are buffered: httplib reads request lines a byte at a time.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(int sock, int read_ms, int write_ms) : sock_(sock), read_ms_(read_ms), write_ms_(write_ms) {}

  /// The next request must be read whole by `deadline`.
  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }

  /// Waits up to ms for the next request's first byte; false when none came or the peer left.
  bool wait_for_request(int ms, const std::atomic<socket_t>& listening) {
    for (auto end = Clock::now() + std::chrono::milliseconds(ms); pos_ == len_;) {
      if (listening == INVALID_SOCKET || Clock::now() >= end) return false;
      if (wait(POLLIN, 100)) return true;
    }
    return true;
  }

  bool is_readable() const override {
    return pos_ < len_ || (Clock::now() < deadline_ && wait(POLLIN, read_wait_ms()));
  }
  bool is_writable() const override { return wait(POLLOUT, write_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      if (!is_readable()) return -1;
      ssize_t n;
      do n = ::recv(sock_, buf_, sizeof buf_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t k = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, k);
    pos_ += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  // What is left of the read timeout, cut short by the request's deadline.
  int read_wait_ms() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, read_ms_));
  }

  bool wait(short events, int ms) const {
    pollfd p{sock_, events, 0};
    int n;
    do n = ::poll(&p, 1, ms);
    while (n < 0 && errno == EINTR);
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR));
  }

  void address(bool remote, std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    ip.clear();
    port = 0;
    auto* sa = reinterpret_cast<sockaddr*>(&a);
    if ((remote ? ::getpeername(sock_, sa, &len) : ::getsockname(sock_, sa, &len)) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
      auto* v4 = reinterpret_cast<sockaddr_in*>(&a);
      ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
      port = ntohs(v4->sin_port);
    } else if (a.ss_family == AF_INET6) {
      auto* v6 = reinterpret_cast<sockaddr_in6*>(&a);
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      port = ntohs(v6->sin6_port);
    }
    ip = text;
  }

  int sock_, read_ms_, write_ms_;
  Clock::time_point deadline_ = Clock::now();
  char buf_[4096];
  size_t pos_ = 0, len_ = 0;
};

// httplib's task queue: runs each connection on a thread of its own, started when no thread is
// idle, up to `max` threads (then connections wait their turn). Threads are kept for reuse.
class ConnectionThreads : public httplib::TaskQueue {
 public:
  explicit ConnectionThreads(size_t max) : max_(max) {}
  ~ConnectionThreads() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard l(mu_);
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && threads_.size() < max_) threads_.emplace_back([this] { work(); });
    else cv_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  void work() {
    std::unique_lock l(mu_);
    for (;;) {
      ++idle_;
      cv_.wait(l, [&] { return stop_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;
      auto fn = std::move(jobs_.front());
      jobs_.pop_front();
      l.unlock();
      fn();
      l.lock();
    }
  }

  size_t max_, idle_ = 0;
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
};

bool is_ip_literal(const std::string& host) {
  unsigned char addr[sizeof(in6_addr)];
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    return ::inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), addr) == 1;
  return ::inet_pton(AF_INET, host.c_str(), addr) == 1;
}

std::string lowercase(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

bool host_allowed(const std::string& host_header, const std::string& bind_host, int port) {
  std::string host = lowercase(host_header);
  // "name", "name:port", "[v6]" or "[v6]:port"; a port must be this server's.
  auto colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
    if (host.substr(colon + 1) != std::to_string(port)) return false;
    host.resize(colon);
  }
  std::string bound = lowercase(bind_host);
  if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
  if (host.empty()) return false;
  if (host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == bound) return true;
  bool wildcard = bound.empty() || bound == "0.0.0.0" || bound == "[::]";
  return wildcard && is_ip_literal(host);
}

GuardedServer::GuardedServer(std::chrono::milliseconds request_deadline, size_t max_connections)
    : deadline_(request_deadline) {
  new_task_queue = [max_connections] { return new ConnectionThreads(max_connections); };
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  auto ms = [](time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); };
  DeadlineStream strm(sock, ms(read_timeout_sec_, read_timeout_usec_), ms(write_timeout_sec_, write_timeout_usec_));
  bool ret = false;
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!strm.wait_for_request(ms(keep_alive_timeout_sec_, 0), svr_sock_)) break;
    strm.set_deadline(Clock::now() + deadline_);
    bool closed = false;
    ret = process_request(strm, left == 1, closed, nullptr);
    if (!ret || closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace annalist
