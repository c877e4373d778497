#pragma once
// The preview's HTTP server: cpp-httplib with the guards a local preview needs against hostile
// pages and clients: requests must name the preview as their host (no DNS rebinding), and each
// request must arrive whole within a deadline (no connection held by a trickle of bytes).
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace annalist {

/// Whether a request's Host header names the preview: localhost, 127.0.0.1, [::1] or bind_host,
/// each alone or with ":port"; with a wildcard bind_host (0.0.0.0, ::) any IP address as well.
bool host_allowed(const std::string& host_header, const std::string& bind_host, int port);

/// cpp-httplib's server, except that a request's line, headers and body must all arrive within
/// `request_deadline` of its first byte, however slowly they trickle in; else the connection
/// is closed. Idle kept-alive connections close after the keep-alive timeout, as in httplib.
/// Each connection has a thread of its own (up to max_connections at once, then they wait), so
/// connections that are idle or wait for a rebuild never keep pages waiting.
class GuardedServer : public httplib::Server {
 public:
  GuardedServer(std::chrono::milliseconds request_deadline, size_t max_connections);

 private:
  bool process_and_close_socket(socket_t sock) override;  ///< one connection, on a worker thread
  std::chrono::milliseconds deadline_;
};

}  // namespace annalist
