// The preview server is safe to leave running: request paths cannot reach outside the site (in
// raw, percent-encoded and double-encoded forms), project sources are not served, and many or
// slow clients on loopback do not stop it from answering.
#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "commands.h"
#include "serve.h"
#include "text.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
using namespace std::chrono_literals;

TEST_CASE("site_path_for maps request paths into the site", "[serve]") {
  check_each(site_path_for, {{"/", "index.html"},
                             {"/index.html", "index.html"},
                             {"/chapters/", "chapters/index.html"},
                             {"/chapters/overview.html", "chapters/overview.html"},
                             {"/chapters/overview.html?x=1", "chapters/overview.html"},
                             {"/a/./b.html", "a/b.html"},
                             {"/chapters/%E4%B8%AD.html", "chapters/中.html"},
                             {"/data/a%20b.csv", "data/a b.csv"}});
}

TEST_CASE("site_path_for refuses traversal in every spelling", "[serve]") {
  const char* refused[] = {
      "/../etc/passwd",          "/..",                      "/a/../../etc/passwd",      "/a/b/../../../x",
      "/%2e%2e/etc/passwd",      "/%2E%2E/etc/passwd",       "/.%2e/etc/passwd",         "/%2e./x",
      "/%252e%252e/etc/passwd",  "/%25252e%25252e/x",        "/..%2fetc%2fpasswd",       "/..%2Fetc/passwd",
      "/..%252fetc/passwd",      "/%2e%2e%2f%2e%2e%2fetc",   "/\\..\\etc\\passwd",       "/%5c..%5cetc%5cpasswd",
      "/..\\x",                  "/a%00.html",               "/index.html%00.css",       "/%2500",
      "//etc/passwd",            "/%2Fetc/passwd",           "/%252Fetc/passwd",         "etc/passwd",
      "http://evil.example/x",   "",
  };
  for (const char* p : refused) {
    INFO(p);
    CHECK(site_path_for(p).empty());
  }
  // A NUL written raw (not percent-encoded).
  CHECK(site_path_for(std::string("/index.html\0.css", 16)).empty());
}

namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(fd);
  return port;
}

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends the request bytes as given and reads the whole response (the server closes).
std::string raw_exchange(int port, const std::string& request) {
  int fd = connect_loopback(port);
  if (fd < 0) return "";
  (void)!write(fd, request.data(), request.size());
  std::string resp;
  char buf[8192];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) resp.append(buf, static_cast<size_t>(n));
  close(fd);
  return resp;
}

// Sends one raw GET request (the target exactly as given: no client-side normalisation) and
// reads the whole response.
std::string raw_request(int port, const std::string& target) {
  return raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

int status_of(const std::string& response) {
  // "HTTP/1.1 404 Not Found"
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(response.c_str() + 9);
}

struct Server {
  pid_t pid = -1;
  int port = 0;
  // stderr goes to err_file when one is given.
  bool start(const std::string& project, const std::string& err_file = "") {
    for (int attempt = 0; attempt < 3 && pid < 0; ++attempt) {
      port = free_port();
      pid_t p = fork();
      if (p == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(err_file.empty() ? devnull : open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
        std::string port_s = std::to_string(port);
        execl(binary_path().c_str(), "annalist", "serve", project.c_str(), "--port", port_s.c_str(), "--host", "127.0.0.1",
              static_cast<char*>(nullptr));
        _exit(127);
      }
      // Ready when the status endpoint answers (the first build runs before listening).
      auto deadline = std::chrono::steady_clock::now() + 20s;
      while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (waitpid(p, &status, WNOHANG) == p) break;  // exited: port taken? try another
        if (status_of(raw_request(port, "/__annalist/status")) == 200) {
          pid = p;
          break;
        }
        std::this_thread::sleep_for(50ms);
      }
      if (pid < 0) {
        kill(p, SIGKILL);
        waitpid(p, nullptr, 0);
      }
    }
    return pid > 0;
  }
  // SIGTERM, then SIGKILL if it has not gone within 2 s.
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 40; ++i) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) {
        pid = -1;
        return;
      }
      std::this_thread::sleep_for(50ms);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~Server() { stop(); }
};

}  // namespace

TEST_CASE("annalist serve answers pages, refuses traversal and survives many and slow clients", "[serve]") {
  Server server;
  REQUIRE(server.start(source_dir() + "/tests/fixtures/basic"));
  httplib::Client cli("127.0.0.1", server.port);
  cli.set_connection_timeout(3, 0);
  cli.set_read_timeout(5, 0);

  {  // pages, with content types and UTF-8
    const std::pair<const char*, const char*> pages[] = {
        {"/", "text/html; charset=utf-8"},
        {"/index.html", "text/html; charset=utf-8"},
        {"/chapters/overview.html", "text/html; charset=utf-8"},
        {"/assets/style.css", "text/css; charset=utf-8"},
        {"/search-index.js", "text/javascript; charset=utf-8"},
        {"/data/econ/retail.csv", "text/csv; charset=utf-8"},
    };
    for (const auto& [path, type] : pages) {
      INFO(path);
      auto res = cli.Get(path);
      REQUIRE(res);
      CHECK(res->status == 200);
      CHECK(res->get_header_value("Content-Type") == type);
      CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
      CHECK(utf8_valid(res->body));
      CHECK(!res->body.empty());
    }
    auto index = cli.Get("/");
    REQUIRE(index);
    CHECK(index->body.find("示例年度报告") != std::string::npos);
    auto missing = cli.Get("/no-such-page.html");
    REQUIRE(missing);
    CHECK(missing->status == 404);
  }

  {  // traversal attempts get 404 (or 400) and never a file from outside the site
    const char* attempts[] = {
        "/../../../../etc/passwd",        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/%252e%252e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",   "/..%252f..%252fetc%252fpasswd",    "/%5c..%5c..%5cetc%5cpasswd",
        "/index.html%00.css",             "//etc/passwd",                      "/%2Fetc%2Fpasswd",
        "/report.yml",                    "/../report.yml",                    "/%2e%2e/basic/report.yml",
        "/chapters/01-overview.md",       "/data/econ/_catalog.yml",           "/front/preface.md",
        "/../../../../proc/self/environ", "/.annalist-site",                   "/%2e%2e%2f%2e%2e%2fproc/self/cmdline",
    };
    for (const char* target : attempts) {
      INFO(target);
      std::string resp = raw_request(server.port, target);
      int st = status_of(resp);
      CHECK((st == 404 || st == 400));
      CHECK(resp.find("root:x:0:0") == std::string::npos);      // /etc/passwd
      CHECK(resp.find("base_url:") == std::string::npos);       // report.yml
      CHECK(resp.find("title: 总体情况") == std::string::npos);  // a page's front matter
      CHECK(resp.find("PATH=") == std::string::npos);           // /proc/self/environ
    }
  }

  {  // 200 concurrent connections are all answered
    constexpr int kClients = 200;
    std::vector<int> fds;
    for (int i = 0; i < kClients; ++i) {
      int fd = connect_loopback(server.port);
      if (fd >= 0) fds.push_back(fd);
    }
    CHECK(fds.size() == kClients);
    // Every client sends its request, then all responses are read (in any order).
    const std::string req = "GET /chapters/overview.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    for (int fd : fds) (void)!write(fd, req.data(), req.size());
    std::vector<std::string> resp(fds.size());
    std::vector<pollfd> pfds;
    for (int fd : fds) pfds.push_back({fd, POLLIN, 0});
    size_t open_count = fds.size();
    auto deadline = std::chrono::steady_clock::now() + 8s;
    while (open_count > 0 && std::chrono::steady_clock::now() < deadline) {
      if (poll(pfds.data(), pfds.size(), 200) <= 0) continue;
      for (size_t i = 0; i < pfds.size(); ++i) {
        if (pfds[i].fd < 0 || !(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char buf[16384];
        ssize_t n = read(pfds[i].fd, buf, sizeof buf);
        if (n > 0) {
          resp[i].append(buf, static_cast<size_t>(n));
        } else {
          close(pfds[i].fd);
          pfds[i].fd = -1;
          --open_count;
        }
      }
    }
    int ok = 0;
    for (const auto& r : resp) ok += status_of(r) == 200 && r.find("</html>") != std::string::npos;
    for (auto& p : pfds)
      if (p.fd >= 0) close(p.fd);
    CHECK(ok == static_cast<int>(fds.size()));
  }

  {  // slow and idle clients do not stop the server from answering others
    // A few clients that send their headers one byte at a time, and a few that send nothing.
    std::vector<int> idle;
    for (int i = 0; i < 8; ++i) idle.push_back(connect_loopback(server.port));
    std::atomic<bool> done{false};
    std::vector<std::thread> slow;
    for (int k = 0; k < 4; ++k) {
      slow.emplace_back([&, k] {
        int fd = connect_loopback(server.port);
        std::string req = "GET /index.html?slow=" + std::to_string(k) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " +
                          std::string(40, 'x') + "\r\n\r\n";
        for (char c : req) {
          if (done || write(fd, &c, 1) != 1) break;
          std::this_thread::sleep_for(30ms);
        }
        close(fd);
      });
    }
    // Meanwhile ordinary requests are answered promptly.
    for (int i = 0; i < 10; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto res = cli.Get("/chapters/trade.html");
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      REQUIRE(res);
      CHECK(res->status == 200);
      CHECK(s < 2.0);  // promptly: a blocked server would hang for its 5 s read timeout
      std::this_thread::sleep_for(100ms);
    }
    done = true;
    for (auto& t : slow) t.join();
    for (int fd : idle)
      if (fd >= 0) close(fd);
    // 150 connections opened and dropped at once: the server recovers at once.
    std::vector<int> burst;
    for (int i = 0; i < 150; ++i) burst.push_back(connect_loopback(server.port));
    for (int fd : burst)
      if (fd >= 0) close(fd);
    auto res = cli.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
  }

  {  // a second server on the same port fails instead of sharing it (no SO_REUSEPORT)
    pid_t p = fork();
    if (p == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      std::string port_s = std::to_string(server.port);
      std::string project = source_dir() + "/tests/fixtures/basic";
      execl(binary_path().c_str(), "annalist", "serve", project.c_str(), "--port", port_s.c_str(), "--host", "127.0.0.1",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    bool exited = false;
    for (int i = 0; i < 200 && !exited; ++i) {
      exited = waitpid(p, &status, WNOHANG) == p;
      if (!exited) std::this_thread::sleep_for(50ms);
    }
    if (!exited) {
      kill(p, SIGKILL);
      waitpid(p, &status, 0);
    }
    CHECK(exited);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 2));
  }

  server.stop();
  CHECK(server.pid == -1);
}

TEST_CASE("annalist serve answers only requests naming itself as the host", "[serve]") {
  Server server;
  REQUIRE(server.start(source_dir() + "/tests/fixtures/basic"));
  const std::string port = std::to_string(server.port);
  auto get = [&](const std::string& host_line) {
    return raw_exchange(server.port, "GET /index.html HTTP/1.1\r\n" + host_line + "Connection: close\r\n\r\n");
  };
  for (const std::string& host : std::vector<std::string>{"127.0.0.1", "127.0.0.1:" + port, "localhost", "localhost:" + port,
                                  "LocalHost:" + port, "[::1]:" + port, "[::1]"}) {
    INFO(host);
    CHECK(status_of(get("Host: " + host + "\r\n")) == 200);
  }
  // A page on another name (DNS rebinding), another port, or no Host at all gets nothing.
  for (const std::string& host : std::vector<std::string>{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port,
                                  "localhost.evil.example", "127.0.0.1:1", "10.0.0.1:" + port, "", "127.0.0.1:" + port + "x"}) {
    INFO(host);
    std::string resp = get("Host: " + host + "\r\n");
    CHECK(status_of(resp) == 403);
    CHECK(resp.find("示例年度报告") == std::string::npos);
  }
  CHECK(status_of(get("")) == 403);
  CHECK(status_of(raw_exchange(server.port, "GET /__annalist/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")) == 403);
  CHECK(status_of(raw_exchange(server.port, "GET /__annalist/events HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")) == 403);
}

TEST_CASE("annalist serve answers pages while many live-reload streams are open", "[serve]") {
  Server server;
  REQUIRE(server.start(source_dir() + "/tests/fixtures/basic"));
  // 100 tabs' live-reload streams, more than the server has threads.
  std::vector<int> streams;
  const std::string req = "GET /__annalist/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (int i = 0; i < 100; ++i) {
    int fd = connect_loopback(server.port);
    if (fd < 0) continue;
    (void)!write(fd, req.data(), req.size());
    streams.push_back(fd);
  }
  CHECK(streams.size() == 100);
  std::this_thread::sleep_for(200ms);
  // Pages still answer (a stuck server would leave these waiting for the streams to end).
  httplib::Client cli("127.0.0.1", server.port);
  cli.set_connection_timeout(3, 0);
  cli.set_read_timeout(5, 0);
  for (const char* path : {"/", "/chapters/trade.html", "/assets/style.css"}) {
    INFO(path);
    auto res = cli.Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  // Every stream was answered: held ones with their headers, the rest told when to ask again.
  int answered = 0, told_to_retry = 0;
  for (int fd : streams) {
    std::string got;
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    // The headers, and the body when there is one already (a held stream has none yet).
    while (got.find("retry:") == std::string::npos &&
           poll(&p, 1, got.find("\r\n\r\n") == std::string::npos ? 3000 : 100) > 0) {
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    answered += status_of(got) == 200;
    if (got.find("retry:") != std::string::npos) ++told_to_retry;
    close(fd);
  }
  CHECK(answered == 100);
  CHECK(told_to_retry >= 50);
  // A tab that saw an older build than the current one is told to reload at once.
  std::string resp = raw_exchange(server.port, "GET /__annalist/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Last-Event-ID: 0\r\nConnection: close\r\n\r\n");
  CHECK(status_of(resp) == 200);
  CHECK(resp.find("data: 1") != std::string::npos);
}

TEST_CASE("annalist serve closes connections that trickle their request in", "[serve]") {
  Server server;
  REQUIRE(server.start(source_dir() + "/tests/fixtures/basic"));
  // One byte every 300 ms: every single read is well within the server's read timeout, but the
  // request as a whole would take a minute. The server must hang up long before.
  int fd = connect_loopback(server.port);
  REQUIRE(fd >= 0);
  std::string req = "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + std::string(200, 'x') + "\r\n\r\n";
  bool closed = false;
  size_t sent = 0;
  auto give_up = std::chrono::steady_clock::now() + 20s;
  while (!closed && sent < req.size() && std::chrono::steady_clock::now() < give_up) {
    if (send(fd, &req[sent], 1, MSG_NOSIGNAL) != 1) {
      closed = true;
      break;
    }
    ++sent;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 300) > 0) {
      char c;
      closed = read(fd, &c, 1) <= 0;  // the server hung up (no answer to a request never finished)
    }
  }
  close(fd);
  CHECK(closed);
  CHECK(sent < req.size());
  // The server still answers others.
  CHECK(status_of(raw_request(server.port, "/")) == 200);
}

TEST_CASE("serving a project that never built does not claim a last good site", "[serve]") {
  BuildOptions o;
  o.project_dir = "/nonexistent/annalist-project";
  o.default_templates = source_dir() + "/templates";
  o.quiet = true;
  LiveSite site(o);
  CHECK_FALSE(site.rebuild());
  auto page = site.get("/index.html");
  REQUIRE(page);
  CHECK(page->find("there is no good build to show yet") != std::string::npos);
  CHECK(page->find("showing the last good site") == std::string::npos);
  CHECK_FALSE(site.has_site());
  // The command refuses a folder that does not exist: there is nothing to watch.
  std::ostringstream out, err;
  CHECK(run_serve(o, "127.0.0.1", 0, out, err) == 2);
  CHECK(err.str().find("'/nonexistent/annalist-project' is not a directory") != std::string::npos);
  CHECK(out.str().empty());
  o.project_dir = source_dir() + "/tests/fixtures/basic";
  LiveSite good(o);
  CHECK(good.rebuild());
  CHECK(good.has_site());
}

TEST_CASE("annalist serve prints the warnings of a rebuild on the terminal", "[serve]") {
  TempDir t("serve-warnings");
  std::filesystem::copy(source_dir() + "/tests/fixtures/basic", t.path / "proj",
                        std::filesystem::copy_options::recursive);
  Server server;
  std::string log = (t.path / "stderr.txt").string();
  REQUIRE(server.start((t.path / "proj").string(), log));
  // An image without alt text: a warning, and the rebuild succeeds.
  auto page = t.path / "proj/chapters/02-trade.md";
  write_file(page, read_file(page) + "\n![](https://example.org/x.png)\n");
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline &&
         read_file(log).find("warning: image without alt text") == std::string::npos)
    std::this_thread::sleep_for(50ms);
  CHECK(read_file(log).find("02-trade.md:") != std::string::npos);
  CHECK(read_file(log).find("warning: image without alt text") != std::string::npos);
}
