#include "serve.h"

#include <httplib.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "http_server.h"
#include "load.h"
#include "text.h"

namespace annalist {

namespace {

const char* kLiveReload =
    "<script>(function(){if(!window.EventSource)return;var es=new EventSource(\"/__annalist/events\");"
    "es.onmessage=function(){location.reload();};})();</script>";

// The error overlay; has_site: a good build is being shown under it.
std::string overlay_html(const std::string& diagnostics, bool has_site) {
  std::string s =
      "<div id=\"annalist-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;"
      "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 monospace;padding:2rem;overflow:auto\">"
      "<h2 style=\"color:#ff8a80;margin-top:0\">annalist: the last build failed";
  s += has_site ? "; showing the last good site</h2><pre>" : "; there is no good build to show yet</h2><pre>";
  html_escape(diagnostics, s);
  s += "</pre></div>";
  return s;
}

// Live-reload streams held open at once, waiting for the next build; each holds a worker thread,
// so more would leave too few for pages. The others are answered at once and ask again later.
constexpr int kMaxHeldStreams = 16;

// `GET /__annalist/events`: one server-sent event when a build newer than the one the tab saw
// is done. Every answer carries the build number as the event id, so a tab that reconnects
// (the browser sends it back as Last-Event-ID) misses no build that happened meanwhile.
void answer_events(LiveSite& site, std::atomic<int>& held, const httplib::Request& req, httplib::Response& res) {
  int now = site.build_number(), seen = now;
  if (req.has_header("Last-Event-ID")) {
    const std::string id = req.get_header_value("Last-Event-ID");
    if (!id.empty() && id.size() < 10 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
      seen = std::stoi(id);
  }
  res.set_header("Cache-Control", "no-store");
  if (seen != now) {
    res.set_content("retry: 1000\nid: " + std::to_string(now) + "\ndata: " + std::to_string(now) + "\n\n",
                    "text/event-stream");
    return;
  }
  if (held.fetch_add(1) >= kMaxHeldStreams) {
    --held;
    res.set_content("retry: 2000\nid: " + std::to_string(seen) + "\n\n", "text/event-stream");
    return;
  }
  struct Slot {  // given back when the stream ends, however it ends
    explicit Slot(std::atomic<int>* h) : held(h) {}
    Slot(const Slot&) = delete;
    ~Slot() { --*held; }
    std::atomic<int>* held;
  };
  auto slot = std::make_shared<Slot>(&held);
  res.set_chunked_content_provider("text/event-stream", [&site, seen, slot](size_t, httplib::DataSink& sink) {
    // One event per rebuild; the browser reconnects by itself after the stream ends.
    int now = site.wait_for_build(seen, 25000);
    std::string msg = "retry: 1000\nid: " + std::to_string(now) + "\n";
    msg += now != seen ? "data: " + std::to_string(now) + "\n\n" : "\n";
    if (!sink.write(msg.data(), msg.size())) return false;
    sink.done();
    return true;
  });
}

}  // namespace

std::string site_path_for(const std::string& request_path) {
  std::string p = request_path;
  // Percent-decoding again catches double-encoded traversal such as %252e%252e.
  for (int round = 0; round < 3 && p.find('%') != std::string::npos; ++round) p = httplib::detail::decode_url(p, false);
  if (p.find('\0') != std::string::npos || p.find('\\') != std::string::npos) return {};
  // Only an origin-form path: not "etc/passwd", "http://host/x" or "//etc/passwd" (absolute).
  if (p.empty() || p[0] != '/' || (p.size() > 1 && p[1] == '/')) return {};
  auto q = p.find('?');
  if (q != std::string::npos) p = p.substr(0, q);
  std::vector<std::string> parts;
  for (const auto& seg : split(p, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") return {};
    parts.push_back(seg);
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  if (out.empty() || (!p.empty() && p.back() == '/')) out += out.empty() ? "index.html" : "/index.html";
  return out;
}

std::string content_type_for(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  static const std::map<std::string, std::string> kTypes = {
      {"html", "text/html; charset=utf-8"},       {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},    {"json", "application/json; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},          {"svg", "image/svg+xml"},
      {"xml", "application/xml; charset=utf-8"},   {"png", "image/png"},
      {"jpg", "image/jpeg"},                       {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},                        {"webp", "image/webp"},
      {"avif", "image/avif"},                      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},                     {"txt", "text/plain; charset=utf-8"},
      {"pdf", "application/pdf"}};
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool LiveSite::rebuild(StageTimes* times) {
  auto t0 = std::chrono::steady_clock::now();
  Diagnostics diags;
  auto project = std::make_shared<Project>();
  bool forget = false;
  {
    std::lock_guard l(mu_);
    std::swap(forget, forget_previous_);
  }
  if (forget) previous_.reset();
  // Pages and data whose files did not change are taken from previous_ (shared, not read again).
  load_project(opts_, fs_, project.get(), diags, previous_.get(), times);
  std::shared_ptr<const Project> old_project = std::move(previous_);  // freed at the end
  previous_ = project;
  SiteFiles files;
  std::mutex files_mu;
  {
    std::lock_guard l(mu_);
    files.reserve(files_.size());
  }
  SiteSink sink = [&](const std::string& path, std::string&& bytes) {
    auto shared = std::make_shared<const std::string>(std::move(bytes));
    std::lock_guard l(files_mu);
    files[path] = std::move(shared);
  };
  bool ok = false;
  RenderCache cache;
  DeferredPages deferred;
  {
    std::lock_guard l(mu_);
    cache = std::move(cache_);
  }
  // While no whole-report page is being made from the last build's bodies, none will be until
  // this build is done: its unchanged pages are moved from there, not copied (and put back if
  // the render fails; a load with errors fails anyway, so it copies them).
  std::unique_lock taking(deferred_mu_, std::try_to_lock);
  cache.take_pages = taking.owns_lock() && !diags.has_errors();
  auto old_rendered = cache.rendered;  // freed at the end, after the new build is announced
  cache.page_sink = [&](const std::string& path, const std::shared_ptr<const std::string>& bytes) {
    std::lock_guard l(files_mu);
    files[path] = bytes;
  };
  if (!diags.has_errors() || !project->pages.empty()) {
    RenderStats stats;
    ok = render_site_cached(project, opts_, sink, cache, &stats, diags, &deferred);
    if (times) times->insert(times->end(), stats.times.begin(), stats.times.end());
  }
  cache.page_sink = nullptr;
  ok = ok && !diags.has_errors();
  std::ostringstream text;
  print_diagnostics(diags, text);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  // What the last build leaves behind is freed after the new build is announced.
  SiteFiles old_files;
  DeferredPages old_deferred;
  {
    if (!taking.owns_lock()) taking.lock();
    std::lock_guard l(mu_);
    cache_ = std::move(cache);
    if (ok) {
      old_files = std::move(files_);
      old_deferred = std::move(deferred_);
      files_ = std::move(files);
      deferred_ = std::move(deferred);
      deferred_done_ = false;
    }
    inputs_ = project;
    diagnostics_ = text.str();
    ok_ = ok;
    ++builds_;
    ms_ = ms;
    rendered_ = cache_.rendered_count;
    reused_ = cache_.reused;
  }
  taking.unlock();
  cv_.notify_all();
  return ok;
}

std::optional<std::string> LiveSite::get(const std::string& url_path) {
  std::string path = site_path_for(url_path);
  if (path.empty()) return std::nullopt;
  bool wanted;  // not made yet: the cover, lists, print version and search index are made on first request
  {
    std::lock_guard l(mu_);
    wanted = !deferred_done_ && !files_.count(path);
  }
  if (wanted) {
    std::lock_guard dl(deferred_mu_);
    bool missing;
    DeferredPages run;
    {
      std::lock_guard l(mu_);
      missing = !deferred_done_ && !files_.count(path);
      if (missing) run = deferred_;
    }
    if (missing && run) {
      std::map<std::string, std::string> extra;
      std::mutex extra_mu;  // the pages and assets are made on several threads
      Diagnostics d;
      run(
          [&](const std::string& p, std::string&& b) {
            std::lock_guard el(extra_mu);
            extra[p] = std::move(b);
          },
          d);
      std::lock_guard l(mu_);
      for (auto& [p, b] : extra) files_[p] = std::make_shared<const std::string>(std::move(b));
      deferred_ = nullptr;  // done: what it holds (the last build's bodies) can go
      deferred_done_ = true;
      if (d.has_errors()) {
        std::ostringstream text;
        print_diagnostics(d, text);
        diagnostics_ += text.str();
        ok_ = false;
      }
    }
  }
  std::lock_guard l(mu_);
  auto it = files_.find(path);
  bool html_path = path.size() >= 5 && path.compare(path.size() - 5, 5, ".html") == 0;
  if (it == files_.end() && files_.empty() && !ok_ && html_path)  // no good build yet: show the errors
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>annalist: build failed</title>"
           "</head><body>" + overlay_html(diagnostics_, false) + std::string(kLiveReload) + "</body></html>";
  if (it == files_.end()) return std::nullopt;
  if (ok_ || path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) return *it->second;
  std::string html = *it->second;
  auto body = html.rfind("</body>");
  std::string overlay = overlay_html(diagnostics_, true);
  if (body == std::string::npos) html += overlay;
  else html.insert(body, overlay);
  return html;
}

bool LiveSite::has_site() const {
  std::lock_guard l(mu_);
  return !files_.empty();
}

int LiveSite::build_number() const {
  std::lock_guard l(mu_);
  return builds_;
}

std::string LiveSite::status_json() const {
  std::lock_guard l(mu_);
  nlohmann::json j = {{"build", builds_}, {"ok", ok_},         {"ms", ms_},
                      {"rendered", rendered_}, {"reused", reused_}, {"diagnostics", diagnostics_}};
  return j.dump();
}

int LiveSite::wait_for_build(int seen, int timeout_ms) const {
  std::unique_lock l(mu_);
  cv_.wait_for(l, std::chrono::milliseconds(timeout_ms), [&] { return builds_ != seen; });
  return builds_;
}

std::vector<std::string> LiveSite::inputs() const {
  std::lock_guard l(mu_);
  return inputs_ ? inputs_->input_files : std::vector<std::string>();
}

std::string LiveSite::last_diagnostics() const {
  std::lock_guard l(mu_);
  return diagnostics_;
}

void LiveSite::note_changes(const std::vector<std::string>& paths, bool everything) {
  fs_.mark_changed(paths);
  if (everything) {
    fs_.mark_all_changed();
    std::lock_guard l(mu_);
    forget_previous_ = true;
  }
}

namespace {

// Watches directories (recursively) with inotify; calls on_change with the paths that changed
// (and whether events were lost) after a short quiet time, and on_watch whenever the watches are
// set (whether every directory got one).
void watch_loop(const std::vector<std::string>& roots,
                const std::function<void(const std::vector<std::string>&, bool)>& on_change,
                const std::function<void(bool complete)>& on_watch, const std::atomic<bool>& stop) {
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return;
  uint32_t mask = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB;
  std::map<int, std::string> dirs;  // watch -> directory
  bool complete = true;              // every directory got its watch
  auto add_tree = [&](const std::string& root) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) return;
    int wd = inotify_add_watch(fd, root.c_str(), mask);
    if (wd >= 0) dirs[wd] = root;
    complete = complete && wd >= 0;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      if (it->is_directory(ec) && it->path().filename().string()[0] != '.' && it->path().filename() != "_site") {
        wd = inotify_add_watch(fd, it->path().c_str(), mask);
        if (wd >= 0) dirs[wd] = it->path().generic_string();
        complete = complete && wd >= 0;
      }
    complete = complete && !ec;
  };
  for (const auto& r : roots) add_tree(r);
  if (on_watch) on_watch(complete);
  alignas(inotify_event) char buf[16384];
  std::vector<std::string> changed;
  bool dir_created = false, lost = false;
  auto drain = [&] {
    bool any = false;
    for (;;) {
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) return any;
      any = true;
      for (ssize_t i = 0; i < n;) {
        auto* ev = reinterpret_cast<inotify_event*>(buf + i);
        if (ev->mask & IN_Q_OVERFLOW) lost = true;
        // A directory made, moved or removed: its files have no events of their own.
        if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)))
          dir_created = true;
        auto d = dirs.find(ev->wd);
        if (d != dirs.end() && ev->len > 0) changed.push_back(d->second + "/" + ev->name);
        else if (!(ev->mask & IN_IGNORED)) lost = lost || d == dirs.end();
        i += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      }
    }
  };
  while (!stop) {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, 100) <= 0 || !drain()) continue;
    // Editors write in bursts (temp file, rename): wait until things are quiet.
    for (;;) {
      pollfd more{fd, POLLIN, 0};
      if (::poll(&more, 1, 5) <= 0 || !drain()) break;
    }
    if (dir_created) {
      complete = true;
      for (const auto& r : roots) add_tree(r);
      if (on_watch) on_watch(complete);
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    on_change(changed, lost || dir_created);
    changed.clear();
    dir_created = lost = false;
  }
  close(fd);
}

}  // namespace

std::string live_reload_script() { return kLiveReload; }

bool serve_live_site(LiveSite& site, const std::string& host, int port, const std::vector<std::string>& roots,
                     const ServeHooks& hooks) {
  // A request must arrive whole within 5 s, however slowly it trickles in; a thread for each
  // connection, up to 512 at once.
  GuardedServer svr(std::chrono::seconds(5), 512);
  svr.set_read_timeout(5, 0);
  svr.set_write_timeout(5, 0);
  svr.set_keep_alive_max_count(100);
  svr.set_tcp_nodelay(true);  // no 40 ms Nagle delay on kept-alive connections
  svr.set_payload_max_length(64 * 1024);
  // Not httplib's defaults: those add SO_REUSEPORT, so a second server on a busy port would
  // share it silently instead of failing. Keep the socket to raise its listen backlog below.
  int listen_fd = -1;
  svr.set_socket_options([&listen_fd](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = sock;
  });
  // Only requests that name this server: a page elsewhere cannot read the preview through a
  // name of its own that resolves to loopback (DNS rebinding).
  svr.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (host_allowed(req.get_header_value("Host"), host, port)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content("403 forbidden: unknown Host; open http://localhost:" + std::to_string(port) + "/\n",
                    "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  svr.Get("/__annalist/status", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(site.status_json(), "application/json; charset=utf-8");
  });
  std::atomic<int> held_streams{0};
  svr.Get("/__annalist/events", [&](const httplib::Request& req, httplib::Response& res) {
    answer_events(site, held_streams, req, res);
  });
  svr.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    auto bytes = site.get(req.path);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
    if (!bytes) {
      res.status = 404;
      auto page = site.get("/404.html");
      res.set_content(page ? *page : std::string("404 not found"), "text/html; charset=utf-8");
      return;
    }
    res.set_content(std::move(*bytes), content_type_for(site_path_for(req.path)));
  });

  std::atomic<bool> stop{false};
  std::thread watcher(watch_loop, roots,
                      [&](const std::vector<std::string>& changed, bool everything) {
                        site.note_changes(changed, everything);
                        auto t0 = std::chrono::steady_clock::now();
                        StageTimes times;
                        bool ok = site.rebuild(&times);
                        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                        if (hooks.rebuilt) hooks.rebuilt(ok, ms, times);
                      },
                      [&](bool complete) { site.watching(complete ? roots : std::vector<std::string>{}); },
                      std::cref(stop));
  if (!svr.bind_to_port(host.c_str(), port)) {
    stop = true;
    watcher.join();
    return false;
  }
  // libcpp-httplib listens with a backlog of 5: a burst of connections (a page and its assets in
  // several tabs) would wait seconds for SYN retransmits. Listening again only raises the backlog.
  if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
  if (hooks.listening) hooks.listening();
  svr.listen_after_bind();
  stop = true;
  watcher.join();
  return true;
}

}  // namespace annalist
