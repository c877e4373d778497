#!/usr/bin/env python3
"""bench/incremental.py: incremental rebuild latency of `annalist serve` (Python 3 stdlib only).

Starts `annalist serve PROJECT --port P` on 127.0.0.1 (a free port), waits for the first build,
then, ITERATIONS times each:
  chapter edit: appends a sentence to one chapter .md;
  data edit:    changes one number in one data/series-NNNN.csv;
and after each write polls GET /__annalist/status until "build" increments. Records the wall time
from the write to the status showing the new build, and the server's own "ms" (the rebuild's time),
"rendered" and "reused". Edits the PROJECT it is given: pass a scratch copy.

Writes a JSON summary to --out. Exit 0 even when serve is unavailable (the JSON says why).
Only traffic: 127.0.0.1, a bounded number of requests; the server is stopped at the end.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Status:
    """GET /__annalist/status on a fresh connection each time: on a kept-alive connection a small
    response written in two pieces waits ~40 ms (Nagle's algorithm against delayed ACKs) unless the
    server sets TCP_NODELAY, which would swamp the latency being measured."""

    def __init__(self, port):
        self.port = port

    def get(self, timeout=5.0):
        """The status JSON as a dict, or None when the server does not answer (yet)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", "/__annalist/status", headers={"Connection": "close"})
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                return {"_http_status": r.status}
            return json.loads(body)
        except (OSError, http.client.HTTPException, ValueError):
            return None
        finally:
            conn.close()


def wait_stable(st, quiet_s=0.3, limit_s=10.0):
    """Waits until the build number stays the same for quiet_s; returns the last status."""
    last = st.get()
    t_end = time.monotonic() + limit_s
    t_same = time.monotonic()
    while time.monotonic() < t_end:
        time.sleep(0.02)
        cur = st.get()
        if cur is None:
            continue
        if last is None or cur.get("build") != last.get("build"):
            last = cur
            t_same = time.monotonic()
        elif time.monotonic() - t_same >= quiet_s:
            return cur
    return last


def measure(st, edit, iterations, poll_s, timeout_s):
    rows = []
    extra = 0
    for i in range(iterations):
        before = wait_stable(st)
        seen = before["build"]
        t0 = time.perf_counter()
        edit(i)
        t_end = time.monotonic() + timeout_s
        got = None
        while time.monotonic() < t_end:
            cur = st.get()
            if cur is not None and isinstance(cur.get("build"), int) and cur["build"] > seen:
                got = cur
                break
            time.sleep(poll_s)
        wall = (time.perf_counter() - t0) * 1000.0
        if got is None:
            rows.append({"iteration": i, "timeout": True})
            continue
        rows.append({"iteration": i, "wall_ms": wall, "server_ms": got.get("ms"), "ok": got.get("ok"),
                     "rendered": got.get("rendered"), "reused": got.get("reused"),
                     "builds": got["build"] - seen})
        after = wait_stable(st)
        if after and after.get("build", 0) > got["build"]:
            extra += after["build"] - got["build"]
    return rows, extra


def summarise(rows, extra):
    ok = [r for r in rows if not r.get("timeout")]
    out = {"iterations": len(rows), "timeouts": len(rows) - len(ok), "extra_rebuilds": extra, "rows": rows}
    if ok:
        walls = [r["wall_ms"] for r in ok]
        out["wall_ms"] = {"median": statistics.median(walls), "min": min(walls), "max": max(walls)}
        sms = [r["server_ms"] for r in ok if isinstance(r.get("server_ms"), (int, float))]
        if sms:
            out["server_ms"] = {"median": statistics.median(sms), "min": min(sms), "max": max(sms)}
        out["rendered"] = statistics.median([r.get("rendered") or 0 for r in ok])
        out["reused"] = statistics.median([r.get("reused") or 0 for r in ok])
        out["all_ok"] = all(r.get("ok") is True for r in ok)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annalist", required=True)
    ap.add_argument("--project", required=True, help="project dir holding report.yml (a scratch copy)")
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--poll-ms", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one rebuild")
    ap.add_argument("--startup-timeout", type=float, default=300.0)
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("--edits", default="chapter,data", help="which edits to time: chapter, data or both")
    ap.add_argument("--wrap", default="", help="command prefix for the server, e.g. valgrind --tool=callgrind ...")
    ap.add_argument("--on-start", default="", help="shell command run before the first timed edit ({pid}: the server)")
    ap.add_argument("--on-stop", default="", help="shell command run after the last timed edit ({pid}: the server)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    result = {"available": False}
    project = os.path.abspath(a.project)
    chapters = sorted(f for f in os.listdir(os.path.join(project, "chapters")) if f.endswith(".md"))
    series = sorted(f for f in os.listdir(os.path.join(project, "data"))
                    if f.startswith("series-") and f.endswith(".csv"))
    chapter = os.path.join(project, "chapters", chapters[len(chapters) // 2])
    csv = os.path.join(project, "data", series[len(series) // 2])
    result["chapter_file"] = os.path.relpath(chapter, project)
    result["data_file"] = os.path.relpath(csv, project)

    port = free_port()
    log = open(a.log, "w")
    t_start = time.perf_counter()
    try:
        proc = subprocess.Popen(a.wrap.split() + [a.annalist, "serve", project, "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    except OSError as e:
        result["reason"] = "serve not available: %s" % e
        json.dump(result, open(a.out, "w"), indent=1)
        return 0
    st = Status(port)
    try:
        first = None
        t_end = time.monotonic() + a.startup_timeout
        while time.monotonic() < t_end:
            if proc.poll() is not None:
                break
            first = st.get(timeout=2.0)
            if first is not None:
                break
            time.sleep(0.02)
        if first is None or not isinstance(first.get("build"), int):
            code = proc.poll()
            result["reason"] = ("serve not available: exited with %s" % code if code is not None else
                                "serve not available: no /__annalist/status answer" +
                                (" (HTTP %s)" % first.get("_http_status") if first else ""))
            json.dump(result, open(a.out, "w"), indent=1)
            return 0
        while first.get("build", 0) < 1 and time.monotonic() < t_end:
            time.sleep(0.02)
            first = st.get() or first
        result["available"] = True
        result["port"] = port
        result["first_status"] = {k: first.get(k) for k in ("build", "ok", "ms", "rendered", "reused")}
        result["startup_wall_ms"] = (time.perf_counter() - t_start) * 1000.0

        original_chapter = open(chapter, "rb").read()

        def edit_chapter(i):
            with open(chapter, "a", encoding="utf-8") as f:
                f.write("\n基准测试追加的一句话，第 %d 次修改，数据 *benchmark* 稳步提升。\n" % (i + 1))

        lines = open(csv, encoding="utf-8").read().split("\n")

        def edit_data(i):
            # one number in one row: the value of the first data row
            year, value = lines[1].split(",")
            new = "%.2f" % (float(value) + 0.01 * (i + 1))
            out = list(lines)
            out[1] = "%s,%s" % (year, new)
            with open(csv, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(out))

        edits = a.edits.split(",")
        wait_stable(st)
        if a.on_start:
            subprocess.run(a.on_start.replace("{pid}", str(proc.pid)), shell=True, stdout=subprocess.DEVNULL)
        if "chapter" in edits:
            rows, extra = measure(st, edit_chapter, a.iterations, a.poll_ms / 1000.0, a.timeout)
            result["chapter"] = summarise(rows, extra)
        if "data" in edits:
            rows, extra = measure(st, edit_data, a.iterations, a.poll_ms / 1000.0, a.timeout)
            result["data"] = summarise(rows, extra)
        if a.on_stop:
            subprocess.run(a.on_stop.replace("{pid}", str(proc.pid)), shell=True, stdout=subprocess.DEVNULL)
        with open(chapter, "wb") as f:
            f.write(original_chapter)
        with open(csv, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
    json.dump(result, open(a.out, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
