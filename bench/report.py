#!/usr/bin/env python3
"""bench/report.py: turns bench/out/results/ (written by bench/run) into bench/RESULTS.md."""
import argparse
import json
import os
import re

TOOLS = [
    ("floor", "floor (cmark-gfm only, 1 thread)"),
    ("annalist", "annalist build (default -j)"),
    ("annalist-j1", "annalist build -j1"),
    ("hugo", "hugo to disk"),
    ("hugo-mem", "hugo --renderToMemory"),
    ("nochange", "annalist no-change rebuild"),
]


class Results:
    def __init__(self, d):
        self.d = d

    def path(self, name):
        return os.path.join(self.d, name)

    def text(self, name):
        try:
            return open(self.path(name), encoding="utf-8", errors="replace").read().strip()
        except OSError:
            return None

    def jsonf(self, name):
        try:
            return json.load(open(self.path(name), encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def hf(self, tool, n):
        """hyperfine result in ms: dict(median, min, max, mean, runs) or None."""
        j = self.jsonf("%s-%d.json" % (tool, n))
        if not j or not j.get("results"):
            return None
        r = j["results"][0]
        times = r.get("times") or []
        return {"median": r["median"] * 1000, "min": r["min"] * 1000, "max": r["max"] * 1000,
                "mean": r["mean"] * 1000, "runs": len(times),
                "cpu": (r.get("user", 0) + r.get("system", 0)) * 1000, "sys": r.get("system", 0) * 1000}

    def why_missing(self, tool, n):
        names = ["%s-%d.failed" % (tool, n)]
        if tool.startswith("annalist") or tool == "nochange":
            names += ["annalist-unavailable.txt", "annalist-%d.failed" % n]
        for name in names:
            t = self.text(name)
            if t:
                return t.splitlines()[0]
        return "not run"

    def rss_mb(self, tool, n):
        t = self.text("rss-%s-%d.txt" % (tool, n))
        if not t:
            return None
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
        if not m or "Exit status: 0" not in t:
            return None
        return int(m.group(1)) / 1024.0

    def num(self, name):
        t = self.text(name)
        try:
            return int(t.split()[0]) if t else None
        except ValueError:
            return None


def fms(v):
    if v is None:
        return "–"
    if v >= 1000:
        return "%.0f" % v
    if v >= 100:
        return "%.1f" % v
    return "%.2f" % v


def fnum(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return "–" if x is None else str(x)


def cell(h):
    if not h:
        return None
    return "**%s** (%s–%s)" % (fms(h["median"]), fms(h["min"]), fms(h["max"]))


def fmb(b):
    if b is None:
        return "–"
    return "%.1f MB" % (b / 1e6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    R = Results(a.results)
    meta = {}
    for line in (R.text("meta.txt") or "").splitlines():
        k, _, v = line.partition(": ")
        meta[k] = v
    ns = [int(x) for x in meta.get("sizes", "").split(",") if x.strip()]
    quick = meta.get("mode") == "quick"
    L = []
    w = L.append

    w("# annalist benchmark results")
    w("")
    w("Written by `bench/run%s` on %s (%s s in all)%s. Times are hyperfine medians in ms, "
      "(min–max) after; warmup 1. See bench/README.md for what each row measures."
      % (" --quick" if quick else (" --sizes " + meta.get("sizes", "") if meta.get("sizes") != "100,1000,5000" else ""),
         meta.get("date", "?"), meta.get("elapsed", "?").replace(" s", ""),
         " — **a quick smoke run: sizes 100 and 1000 only, 3 runs each**" if quick else ""))
    w("")
    w("## Machine")
    w("")
    for k in ("nproc", "cpu", "ram", "os", "annalist", "hugo", "hyperfine", "g++", "cmark-gfm", "commit", "binary"):
        w("- %s: %s" % (k, meta.get(k, "?")))
    busy = []
    for line in (R.text("busy.txt") or "").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            busy.append((parts[0], int(parts[1]), "timed out" in line))
    if busy:
        late = [b for b in busy if b[2]]
        w("- other load: the script waits before each timed measurement until the CPUs are idle (≤ 15%% busy over "
          "1 s, up to 3 min each and 5 min in all); busy before the %d measurements: median %d%%, max %d%%%s"
          % (len(busy), sorted(b[1] for b in busy)[len(busy) // 2], max(b[1] for b in busy),
             ("; **%d started on a busy machine (%s): treat those rows with suspicion**"
              % (len(late), ", ".join(b[0] for b in late))) if late else ""))
    w("")
    if R.text("annalist-unavailable.txt"):
        w("> **annalist was not measured:** %s" % R.text("annalist-unavailable.txt"))
        w("")

    # --- full builds ---
    w("## Full builds (ms)")
    w("")
    w("| N | " + " | ".join(t[1] for t in TOOLS) + " |")
    w("|---:|" + "---:|" * len(TOOLS))
    runs_seen = set()
    for n in ns:
        row = []
        for tool, _ in TOOLS:
            h = R.hf(tool, n)
            if h:
                runs_seen.add(h["runs"])
            row.append(cell(h) or "not measured: %s" % R.why_missing(tool, n))
        w("| %d | %s |" % (n, " | ".join(row)))
    w("")
    w("Runs per command: %s. Each annalist and hugo-to-disk run writes to a fresh output directory: "
      "`hyperfine --prepare` moves the earlier output aside, and everything moved aside is deleted only after "
      "the whole run, because deleting it just before a build makes the filesystem's inode allocator scan the "
      "just-freed inodes on every file creation (see bench/README.md). The no-change rebuild builds again into the output of a finished "
      "build (it must print \"up to date\"). The default parallelism is one thread per core (%s here); the floor "
      "uses one thread and writes nothing." % (", ".join(str(r) for r in sorted(runs_seen)) or "–", meta.get("nproc", "?")))
    w("")

    # --- CPU time ---
    w("### CPU time (user + sys, mean of the runs, ms)")
    w("")
    w("Less sensitive to other load than wall time; a parallel build's CPU time is the sum over its threads. "
      "(sys in brackets.)")
    w("")
    w("| N | " + " | ".join(t[1] for t in TOOLS) + " |")
    w("|---:|" + "---:|" * len(TOOLS))
    for n in ns:
        row = []
        for tool, _ in TOOLS:
            h = R.hf(tool, n)
            row.append("%s (%s)" % (fms(h["cpu"]), fms(h["sys"])) if h else "–")
        w("| %d | %s |" % (n, " | ".join(row)))
    w("")

    # --- ratios ---
    w("## Ratios")
    w("")
    w("Of wall-time medians; the last column compares CPU time (user+sys) instead.")
    w("")
    w("| N | annalist ÷ floor | annalist -j1 ÷ floor | hugo to disk ÷ annalist | hugo in memory ÷ annalist "
      "| CPU: annalist -j1 ÷ floor |")
    w("|---:|---:|---:|---:|---:|---:|")
    for n in ns:
        f, an, a1, hd, hm = (R.hf(t, n) for t in ("floor", "annalist", "annalist-j1", "hugo", "hugo-mem"))

        def ratio(x, y):
            return "%.2f×" % (x["median"] / y["median"]) if x and y else "–"
        cpu = "%.2f×" % (a1["cpu"] / f["cpu"]) if a1 and f and f["cpu"] > 0 else "–"
        w("| %d | %s | %s | %s | %s | %s |" % (n, ratio(an, f), ratio(a1, f), ratio(hd, an), ratio(hm, an), cpu))
    w("")

    # --- scaling ---
    w("## Scaling: ms per chapter (median ÷ N)")
    w("")
    w("| | " + " | ".join("N=%d" % n for n in ns) + " |")
    w("|---|" + "---:|" * len(ns))
    for tool, label in TOOLS[:5]:
        vals = []
        for n in ns:
            h = R.hf(tool, n)
            vals.append("%.3f" % (h["median"] / n) if h else "–")
        w("| %s | %s |" % (label, " | ".join(vals)))
    w("")

    # --- incremental ---
    w("## Incremental rebuilds (`annalist serve`)")
    w("")
    w("Wall = from the write of the file to `GET /__annalist/status` showing the next build "
      "(includes the file watcher's delay and a 1 ms poll); server = the rebuild's own `ms`. Median (min–max).")
    w("")
    w("| N | edit | iterations | wall ms | server ms | pages rendered / reused | notes |")
    w("|---:|---|---:|---:|---:|---:|---|")
    for n in ns:
        inc = R.jsonf("incremental-%d.json" % n)
        if inc is None:
            reason = R.why_missing("annalist", n) if (R.text("annalist-%d.failed" % n) or
                                                     R.text("annalist-unavailable.txt")) else "not run"
            w("| %d | – | – | – | – | – | not measured: %s |" % (n, reason))
            continue
        if not inc.get("available"):
            w("| %d | – | – | – | – | – | not measured: %s |" % (n, inc.get("reason", "serve not available")))
            continue
        fs = inc.get("first_status") or {}
        for key, label in (("chapter", "append a sentence to %s" % inc.get("chapter_file", "a chapter")),
                           ("data", "change one number in %s" % inc.get("data_file", "a csv"))):
            s = inc.get(key) or {}
            notes = []
            if s.get("timeouts"):
                notes.append("%d timed out" % s["timeouts"])
            if s.get("extra_rebuilds"):
                notes.append("%d extra rebuilds" % s["extra_rebuilds"])
            if s.get("all_ok") is False:
                notes.append("a rebuild reported ok=false")
            wm, sm = s.get("wall_ms"), s.get("server_ms")
            w("| %d | %s | %s | %s | %s | %s / %s | %s |" % (
                n, label, s.get("iterations", "–"),
                "**%s** (%s–%s)" % (fms(wm["median"]), fms(wm["min"]), fms(wm["max"])) if wm else "–",
                "%s (%s–%s)" % (fms(sm["median"]), fms(sm["min"]), fms(sm["max"])) if sm else "–",
                fnum(s.get("rendered")), fnum(s.get("reused")), "; ".join(notes)))
        w("| %d | (first build on start) | 1 | %s | %s | %s / %s | |" % (
            n, fms(inc.get("startup_wall_ms")), fms(fs.get("ms")), fs.get("rendered", "–"), fs.get("reused", "–")))
    w("")

    # --- memory and output ---
    w("## Peak memory and output size")
    w("")
    w("Peak RSS from `/usr/bin/time -v` (\"Maximum resident set size\") of one build to a fresh directory; "
      "output bytes from `du -sb`.")
    w("")
    w("| N | annalist peak RSS | hugo peak RSS | floor peak RSS | annalist output | files | hugo output | files |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ns:
        def mb(t):
            v = R.rss_mb(t, n)
            return "%.1f MiB" % v if v is not None else "–"
        w("| %d | %s | %s | %s | %s | %s | %s | %s |" % (
            n, mb("annalist"), mb("hugo"), mb("floor"), fmb(R.num("bytes-annalist-%d.txt" % n)),
            R.num("files-annalist-%d.txt" % n) or "–", fmb(R.num("bytes-hugo-%d.txt" % n)),
            R.num("files-hugo-%d.txt" % n) or "–"))
    w("")
    w("(output MB = 10^6 bytes; RSS in MiB = 2^20 bytes.)")
    w("")

    busy_late = {b[0] for b in busy if b[2]}

    def flag(*labels):
        hit = [l for l in labels if l in busy_late]
        return " (measured on a busy machine: %s)" % ", ".join(hit) if hit else ""

    # --- targets ---
    w("## Targets")
    w("")
    w("Verdicts are on wall-time medians as the targets are stated. The last column repeats the comparison "
      "on CPU time (user+sys, summed over threads) as a check that is far less disturbed by other load "
      "on the machine.")
    w("")
    w("| target | measured | verdict | CPU-time check |")
    w("|---|---|---|---|")

    def row(t, measured, verdict_text, cpu="–"):
        w("| %s | %s | %s | %s |" % (t, measured, verdict_text, cpu))

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    def nm(reason):
        return "not measured (%s)" % reason

    def absent(n):
        if n not in ns:
            return "size %d not in this run%s" % (n, " (--quick)" if quick else "")
        return None

    def cpu_ratio(x, y, limit, better_low, what):
        if not x or not y or not y["cpu"]:
            return "–"
        r = x["cpu"] / y["cpu"]
        ok = r <= limit if better_low else r >= limit
        return "%s: %.2f× (%s vs %s ms) → %s" % (what, r, fms(x["cpu"]), fms(y["cpu"]), "met" if ok else "missed")

    for n in (1000, 5000):
        f, an, a1 = R.hf("floor", n), R.hf("annalist", n), R.hf("annalist-j1", n)
        t = "full build ≤ 1.5× floor at N=%d" % n
        if absent(n):
            row(t, "–", nm(absent(n)))
        elif f and an:
            r = an["median"] / f["median"]
            extra = "; -j1: %.2f×" % (a1["median"] / f["median"]) if a1 else ""
            row(t, "%.2f× (%s vs %s ms)%s" % (r, fms(an["median"]), fms(f["median"]), extra),
                verdict(r <= 1.5) + flag("annalist-%d" % n, "floor-%d" % n),
                cpu_ratio(a1 or an, f, 1.5, True, "-j1 ÷ floor" if a1 else "annalist ÷ floor"))
        else:
            row(t, "–", nm(R.why_missing("annalist", n)))
    for n in (1000, 5000):
        hd, hm, an = R.hf("hugo", n), R.hf("hugo-mem", n), R.hf("annalist", n)
        t1 = "≥ 5× faster than hugo to disk at N=%d" % n
        t2 = "faster than hugo --renderToMemory at N=%d" % n
        if absent(n):
            row(t1, "–", nm(absent(n)))
            row(t2, "–", nm(absent(n)))
            continue
        if hd and an:
            r = hd["median"] / an["median"]
            row(t1, "%.2f× (hugo %s vs annalist %s ms)" % (r, fms(hd["median"]), fms(an["median"])),
                verdict(r >= 5) + flag("annalist-%d" % n, "hugo-%d" % n), cpu_ratio(hd, an, 5, False, "hugo ÷ annalist"))
        else:
            row(t1, "–", nm(R.why_missing("annalist", n)))
        if hm and an:
            r = hm["median"] / an["median"]
            row(t2, "%.2f× (hugo %s vs annalist %s ms)" % (r, fms(hm["median"]), fms(an["median"])),
                verdict(r > 1) + flag("annalist-%d" % n, "hugo-mem-%d" % n),
                cpu_ratio(hm, an, 1.000001, False, "hugo ÷ annalist"))
        else:
            row(t2, "–", nm(R.why_missing("annalist", n)))
    for n, limit in ((1000, 50), (5000, 100)):
        for key, label in (("chapter", "chapter edit"), ("data", "data edit")):
            t = "incremental %s ≤ %d ms at N=%d (wall)" % (label, limit, n)
            if absent(n):
                row(t, "–", nm(absent(n)))
                continue
            inc = R.jsonf("incremental-%d.json" % n)
            s = (inc or {}).get(key) or {}
            if not inc or not inc.get("available") or not s.get("wall_ms"):
                reason = (inc or {}).get("reason") or R.why_missing("annalist", n)
                row(t, "–", nm(reason))
                continue
            wm = s["wall_ms"]["median"]
            sm = (s.get("server_ms") or {}).get("median")
            row(t, "%s ms wall, %s ms server (%s of %s pages rendered)" % (
                    fms(wm), fms(sm), fnum(s.get("rendered")), fnum((s.get("rendered") or 0) + (s.get("reused") or 0))),
                verdict(wm <= limit) + (" (server time alone: met)" if wm > limit and sm is not None and sm <= limit
                                        else "") + flag("incremental-%d" % n))
    t = "peak RSS ≤ 150 MB at N=5000"
    if absent(5000):
        row(t, "–", nm(absent(5000)))
    else:
        v = R.rss_mb("annalist", 5000)
        hv = R.rss_mb("hugo", 5000)
        if v is None:
            row(t, "–", nm(R.why_missing("annalist", 5000)))
        else:
            mb = v * 1.048576
            row(t, "%.0f MB = %.1f MiB (hugo: %s)" % (mb, v, "%.1f MiB" % hv if hv else "–"), verdict(mb <= 150),
                "(not time: unaffected by load)")
    t = "no-change rebuild ≤ 0.1 s at N=1000"
    if absent(1000):
        row(t, "–", nm(absent(1000)))
    else:
        h = R.hf("nochange", 1000)
        if h:
            row(t, "%s ms" % fms(h["median"]), verdict(h["median"] <= 100) + flag("nochange-1000"),
                "%s ms CPU → %s" % (fms(h["cpu"]), "met" if h["cpu"] <= 100 else "missed"))
        else:
            row(t, "–", nm(R.why_missing("nochange", 1000)))
    w("")
    notes = R.text("notes.txt")
    if notes:
        w("## Notes")
        w("")
        for line in notes.splitlines():
            w("- " + line)
        w("")
    open(a.out, "w", encoding="utf-8").write("\n".join(L))


if __name__ == "__main__":
    main()
